package dev.kvstore.json;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The request bodies of every resource, read within the configured limits (J1). */
@ApplicationScoped
public class RequestBodies {

  @Inject
  @ConfigProperty(name = "kv.body.max-bytes", defaultValue = "2097152")
  long maxBodyBytes;

  @Inject
  @ConfigProperty(name = "kv.value.max-bytes", defaultValue = "1048576")
  long maxValueBytes;

  /** A JSON object; {@code example} shows a good one in the 400's sentence. */
  public JsonObject object(InputStream body, String example) {
    return JsonBodies.readObject(body, maxBodyBytes, example);
  }

  /** A JSON object, or an empty one for an empty body. */
  public JsonObject optionalObject(InputStream body, String example) {
    return JsonBodies.readOptionalObject(body, maxBodyBytes, example);
  }

  /** Any JSON value. */
  public JsonValue value(InputStream body) {
    return JsonBodies.readValue(body, maxBodyBytes);
  }

  /** The largest stored value, in bytes of JSON text. */
  public long maxValueBytes() {
    return maxValueBytes;
  }
}
