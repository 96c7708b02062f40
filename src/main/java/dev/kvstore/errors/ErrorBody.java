package dev.kvstore.errors;

import static dev.kvstore.json.JsonBodies.JSON;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
}
