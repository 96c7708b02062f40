package dev.kvstore.errors;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * R4: an error the JAX-RS runtime answers without an exception and without a body — a 400 for a
 * request header it cannot parse, such as {@code Accept: application/json;q=abc} — gets its JSON
 * sentence too.
 */
@Provider
public class BodilessErrors implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() < 400
        || response.hasEntity()
        || HttpMethod.HEAD.equals(request.getMethod())) {
      return;
    }
    String sentence =
        response.getStatus() == 400
            ? "The request could not be read: check its headers."
            : response.getStatusInfo().getReasonPhrase() + ".";
    response.setEntity(ErrorBody.json(sentence), null, MediaType.APPLICATION_JSON_TYPE);
  }
}
