package dev.kvstore.auth.boundary;

import dev.kvstore.errors.ErrorBody;
import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A role check that failed: 403, the token's scope does not allow the operation (A2). */
@Provider
public class AccessDeniedMapper implements ExceptionMapper<EJBAccessException> {

  @Override
  public Response toResponse(EJBAccessException e) {
    return ErrorBody.response(
        403, "This token's scope does not allow this operation (read < write < admin).");
  }
}
