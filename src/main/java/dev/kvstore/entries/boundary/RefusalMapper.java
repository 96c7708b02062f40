package dev.kvstore.entries.boundary;

import dev.kvstore.entries.control.Refusal;
import dev.kvstore.errors.ErrorBody;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A store's refusal as its status and sentence: 404 with the seed's {@code Key not found} / {@code
 * Key not found (expired)}, 409, 412.
 */
@Provider
public class RefusalMapper implements ExceptionMapper<Refusal> {

  @Override
  public Response toResponse(Refusal e) {
    return ErrorBody.response(e.status(), e.getMessage());
  }
}
