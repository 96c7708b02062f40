package dev.kvstore.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A client's mistake: its status and sentence, logged nowhere. */
@Provider
public class InvalidRequestMapper implements ExceptionMapper<InvalidRequest> {

  @Override
  public Response toResponse(InvalidRequest e) {
    return ErrorBody.response(e.status(), e.getMessage());
  }
}
