package dev.kvstore.errors;

import static dev.kvstore.json.JsonBodies.JSON;

import dev.kvstore.ResponseHeaders;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The one error shape of the API: {@code {"error": "<a sentence saying what to fix>"}}. */
public final class ErrorBody {

  private ErrorBody() {}

  /** The body alone. */
  public static String json(String sentence) {
    return JSON.createObjectBuilder().add("error", sentence).build().toString();
  }

  /** A response with that status and body. */
  public static Response response(int status, String sentence) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(json(sentence))
        .build();
  }

  /** Sent by a servlet filter or the authentication module, before the JAX-RS runtime. */
  public static void send(HttpServletResponse response, int status, String sentence)
      throws IOException {
    byte[] body = json(sentence).getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON);
    response.setHeader(ResponseHeaders.NOSNIFF, ResponseHeaders.NOSNIFF_VALUE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
