package dev.kvstore.batch;

import dev.kvstore.errors.InvalidRequest;
import dev.kvstore.json.JsonBodies;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /_batch}: {@code {"atomic"?: true, "ops": [...]}}.
 *
 * @param atomic one transaction for all ops (the default), or each op on its own
 * @param ops the ops, in order
 */
record BatchRequest(boolean atomic, List<Op> ops) {

  static final String EXAMPLE = "{\"ops\": [{\"op\": \"incr\", \"key\": \"a\"}]}";

  /** B1: every op is checked before any runs; a malformed batch changes nothing. */
  static BatchRequest parse(JsonObject body, int maxOps, long maxValueBytes, Instant now) {
    JsonBodies.requireKnownFields(body, List.of("atomic", "ops"), "a batch");
    if (!(body.get("ops") instanceof JsonArray ops)) {
      throw InvalidRequest.badRequest("\"ops\" must be an array of ops, as in " + EXAMPLE + ".");
    }
    if (ops.size() > maxOps) {
      throw InvalidRequest.badRequest(
          "A batch holds at most " + maxOps + " ops, not " + ops.size() + "; split it.");
    }
    List<Op> parsed = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      parsed.add(Op.parse(i, ops.get(i), maxValueBytes, now));
    }
    return new BatchRequest(atomic(body.get("atomic")), parsed);
  }

  private static boolean atomic(JsonValue atomic) {
    if (atomic == null || atomic.getValueType() == JsonValue.ValueType.TRUE) {
      return true;
    }
    if (atomic.getValueType() == JsonValue.ValueType.FALSE) {
      return false;
    }
    throw InvalidRequest.badRequest("\"atomic\" must be true or false.");
  }
}
