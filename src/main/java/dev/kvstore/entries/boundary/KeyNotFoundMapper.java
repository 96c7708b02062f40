package dev.kvstore.entries.boundary;

import dev.kvstore.entries.control.KeyNotFound;
import dev.kvstore.errors.ErrorBody;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 404 with the seed's sentences: {@code Key not found} or {@code Key not found (expired)}. */
@Provider
public class KeyNotFoundMapper implements ExceptionMapper<KeyNotFound> {

  @Override
  public Response toResponse(KeyNotFound e) {
    return ErrorBody.response(404, e.getMessage());
  }
}
