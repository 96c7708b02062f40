package dev.kvstore.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own refusals (no such path, wrong method, wrong media type) as JSON sentences.
 *
 * <p>The runtime's messages ("HTTP 404 Not Found") say nothing a client can act on; a sentence per
 * status replaces them. Headers such as {@code Allow} are kept.
 */
@Provider
public class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    return Response.fromResponse(original)
        .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorBody.json(sentence(original)))
        .build();
  }

  private static String sentence(Response original) {
    return switch (original.getStatus()) {
      case 404 -> "No resource at this path: a key lives at /{key}.";
      case 405 -> "This method is not allowed here; use " + allowed(original) + ".";
      case 406 -> "This resource answers application/json only; accept it.";
      case 415 ->
          "This Content-Type is not taken here: send application/json"
              + " (PATCH takes application/merge-patch+json or application/json-patch+json).";
      default -> original.getStatusInfo().getReasonPhrase() + ".";
    };
  }

  private static String allowed(Response original) {
    String allow = original.getHeaderString(HttpHeaders.ALLOW);
    return allow == null || allow.isBlank() ? "another method" : "one of " + allow;
  }
}
