package dev.kvstore.json;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParserFactory;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The request bodies of every resource, read within the configured limits (J1). */
@ApplicationScoped
public class RequestBodies {

  @Inject
  @ConfigProperty(name = "kv.body.max-bytes")
  long maxBodyBytes;

  @Inject
  @ConfigProperty(name = "kv.value.max-bytes")
  long maxValueBytes;

  @Inject
  @ConfigProperty(name = "kv.json.max-depth")
  int maxDepth;

  private JsonParserFactory parsers;

  @PostConstruct
  void createParsers() {
    parsers = JsonBodies.parsers(maxDepth);
  }

  /** A JSON object; {@code example} shows a good one in the 400's sentence. */
  public JsonObject object(InputStream body, String example) {
    return JsonBodies.readObject(parsers, body, maxBodyBytes, example);
  }

  /** A JSON object with the field {@code field} as text, never a tree (a SET's value). */
  public JsonBodies.ObjectWithText objectWithText(InputStream body, String example, String field) {
    return JsonBodies.readObjectWithText(parsers, body, maxBodyBytes, example, field);
  }

  /** A JSON object, or an empty one for an empty body. */
  public JsonObject optionalObject(InputStream body, String example) {
    return JsonBodies.readOptionalObject(parsers, body, maxBodyBytes, example);
  }

  /** The body's bytes, to be parsed later with {@link #value(byte[])}. */
  public byte[] bytes(InputStream body) {
    return JsonBodies.readBytes(body, maxBodyBytes);
  }

  /** A JSON object, from bytes read by {@link #bytes}. */
  public JsonObject object(byte[] body, String example) {
    return JsonBodies.parseObject(parsers, body, example);
  }

  /** Any JSON value, from bytes read by {@link #bytes}. */
  public JsonValue value(byte[] body) {
    return JsonBodies.parseValue(parsers, body);
  }

  /** The largest request body, in bytes. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** The largest stored value, in bytes of JSON text. */
  public long maxValueBytes() {
    return maxValueBytes;
  }
}
