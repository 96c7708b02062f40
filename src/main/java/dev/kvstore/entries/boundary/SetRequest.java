package dev.kvstore.entries.boundary;

import dev.kvstore.entries.control.Change;
import dev.kvstore.entries.control.Condition;
import dev.kvstore.entries.control.KeyWrites;
import dev.kvstore.entries.control.Written;
import dev.kvstore.entries.entity.Expiry;
import dev.kvstore.errors.InvalidRequest;
import dev.kvstore.json.JsonBodies;
import dev.kvstore.json.JsonBodies.ObjectWithText;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The body of a SET: {@code {"value": V, "ttl"?: s, "expires_at"?: t, "keep_ttl"?: true}}.
 *
 * @param json the value as compact JSON text
 * @param expiry what the write does to the entry's expiry
 */
public record SetRequest(String json, Expiry expiry) {

  public static final String EXAMPLE = "{\"value\": \"hello\", \"ttl\": 60}";

  private static final List<String> FIELDS = List.of("value", "ttl", "expires_at", "keep_ttl");

  /** E7: every field known, a value present and within {@code maxValueBytes}, a valid expiry. */
  public static SetRequest parse(ObjectWithText body, long maxValueBytes, Instant now) {
    JsonObject fields = body.fields();
    JsonBodies.requireKnownFields(fields, FIELDS, "a SET");
    String json =
        JsonBodies.requireValueSize(body.text().orElseThrow(SetRequest::missing), maxValueBytes);
    Expiry expiry =
        Expiry.fromFields(fields.get("ttl"), fields.get("expires_at"), fields.get("keep_ttl"), now);
    return new SetRequest(json, expiry);
  }

  /** As {@link #parse(ObjectWithText, long, Instant)}, for a body already parsed (a batch's op). */
  public static SetRequest parse(JsonObject body, long maxValueBytes, Instant now) {
    Optional<String> value = Optional.ofNullable(body.get("value")).map(JsonValue::toString);
    return parse(new ObjectWithText(body, value), maxValueBytes, now);
  }

  private static InvalidRequest missing() {
    return InvalidRequest.badRequest("The field \"value\" is missing, as in " + EXAMPLE + ".");
  }

  /** E8: the write, given the live entry: this value, and the expiry the request asks for. */
  public Change change() {
    return current -> new Change.Replacement(json, expiry.resolve(current.expiresAt()));
  }

  /**
   * E10: the write under {@code condition}; with none and no {@code keep_ttl} nothing there
   * matters: a blind write ({@link KeyWrites#overwrite}), which alone overwrites a live row in one
   * statement.
   */
  public Written write(KeyWrites writes, String key, Instant now, Condition condition) {
    return condition == Condition.NONE && !expiry.keepsCurrent()
        ? writes.overwrite(key, now, json, Optional.ofNullable(expiry.at()))
        : writes.update(key, now, condition, change());
  }
}
