package dev.kvstore.batch;

import static dev.kvstore.json.JsonBodies.JSON;

import dev.kvstore.counters.CounterRequest;
import dev.kvstore.entries.boundary.SetRequest;
import dev.kvstore.entries.control.Change;
import dev.kvstore.entries.control.Condition;
import dev.kvstore.entries.control.EntryStore;
import dev.kvstore.entries.control.KeyNotFound;
import dev.kvstore.entries.control.PreconditionFailed;
import dev.kvstore.entries.control.Written;
import dev.kvstore.entries.entity.Entry;
import dev.kvstore.entries.entity.Key;
import dev.kvstore.errors.InvalidRequest;
import dev.kvstore.ttl.TtlRequest;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One operation of a batch, parsed and checked before any runs (B1): its kind, key, condition and —
 * for a write — the change it makes, the same as the single-key request it stands for.
 *
 * @param index its place in the batch
 * @param kind get, set, delete, incr, decr, expire or persist
 * @param key the key it acts on
 * @param condition {@code if_version}, {@code if_absent} or {@code if_present}
 * @param change what a write makes of the live entry; empty for get and delete
 */
public record Op(int index, String kind, String key, Condition condition, Optional<Change> change) {

  private static final List<String> COMMON =
      List.of("op", "key", "if_version", "if_absent", "if_present");

  private static final List<String> KINDS =
      List.of("get", "set", "delete", "incr", "decr", "expire", "persist");

  /** The fields of each kind besides the common ones. */
  private static final Map<String, List<String>> FIELDS =
      Map.of(
          "get", List.of(),
          "set", List.of("value", "ttl", "expires_at", "keep_ttl"),
          "delete", List.of(),
          "incr", List.of("by", "ttl"),
          "decr", List.of("by", "ttl"),
          "expire", List.of("ttl", "expires_at"),
          "persist", List.of());

  /** One op of the {@code ops} array; a 400 that names it when it is malformed. */
  static Op parse(int index, JsonValue value, long maxValueBytes, Instant now) {
    try {
      return parse(index, value, now, maxValueBytes);
    } catch (InvalidRequest e) {
      throw e.at("ops[" + index + "]: ");
    }
  }

  private static Op parse(int index, JsonValue value, Instant now, long maxValueBytes) {
    if (!(value instanceof JsonObject op)) {
      throw InvalidRequest.badRequest(
          "an op is an object such as {\"op\": \"get\", \"key\": \"k\"}.");
    }
    if (!(op.get("op") instanceof JsonString name) || !FIELDS.containsKey(name.getString())) {
      throw InvalidRequest.badRequest(
          "\"op\" must be one of " + String.join(", ", FIELDS.keySet()) + ".");
    }
    String kind = name.getString();
    if (!(op.get("key") instanceof JsonString key)) {
      throw InvalidRequest.badRequest("\"key\" is missing; every op names its key.");
    }
    JsonObjectBuilder fields = JSON.createObjectBuilder();
    for (Map.Entry<String, JsonValue> field : op.entrySet()) {
      if (!COMMON.contains(field.getKey())) {
        if (!FIELDS.get(kind).contains(field.getKey())) {
          throw InvalidRequest.badRequest(
              "unknown field \""
                  + field.getKey()
                  + "\" for "
                  + kind
                  + "; it takes "
                  + FIELDS.get(kind)
                  + ".");
        }
        fields.add(field.getKey(), field.getValue());
      }
    }
    return new Op(
        index,
        kind,
        Key.validate(key.getString()),
        condition(op),
        change(kind, fields.build(), maxValueBytes, now));
  }

  private static Optional<Change> change(
      String kind, JsonObject fields, long maxValueBytes, Instant now) {
    return switch (kind) {
      case "set" -> Optional.of(SetRequest.parse(fields, maxValueBytes, now).change());
      case "incr", "decr" ->
          Optional.of(CounterRequest.parse(fields, now).change(kind.equals("decr")));
      case "expire" -> Optional.of(TtlRequest.parse(fields, now).change());
      case "persist" -> Optional.of(TtlRequest.PERSIST.change());
      default -> Optional.empty();
    };
  }

  /** B2: at most one of {@code if_version}, {@code if_absent: true}, {@code if_present: true}. */
  private static Condition condition(JsonObject op) {
    JsonValue version = op.get("if_version");
    boolean absent = flag(op, "if_absent");
    boolean present = flag(op, "if_present");
    if ((version != null ? 1 : 0) + (absent ? 1 : 0) + (present ? 1 : 0) > 1) {
      throw InvalidRequest.badRequest("give at most one of if_version, if_absent and if_present.");
    }
    if (version != null) {
      long expected = version(version);
      return current -> {
        if (current.map(Entry::version).filter(v -> v == expected).isEmpty()) {
          throw new PreconditionFailed(
              current
                      .map(e -> "the key is at version " + e.version())
                      .orElse("the key does not exist")
                  + ", not "
                  + expected
                  + ".");
        }
      };
    }
    if (absent || present) {
      return current -> {
        if (current.isPresent() != present) {
          throw new PreconditionFailed(present ? "the key does not exist." : "the key exists.");
        }
      };
    }
    return Condition.NONE;
  }

  private static long version(JsonValue value) {
    if (value instanceof JsonNumber number && number.isIntegral()) {
      try {
        long version = number.longValueExact();
        if (version > 0) {
          return version;
        }
      } catch (ArithmeticException e) {
        // answered below
      }
    }
    throw InvalidRequest.badRequest(
        "if_version must be a version number (1 or more), as in a GET's \"version\".");
  }

  private static boolean flag(JsonObject op, String name) {
    JsonValue value = op.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.FALSE) {
      return false;
    }
    if (value.getValueType() == JsonValue.ValueType.TRUE) {
      return true;
    }
    throw InvalidRequest.badRequest(name + " must be true or false.");
  }

  /**
   * Runs the op with the single-key semantics of its kind; a store refusal ({@code Refusal}) is
   * thrown for the caller to record or to abort on. A get whose value is longer than {@code room},
   * the characters the batch's answer has left, is a 413 result, its answer never built (B6); with
   * no condition to check against the entry, its value is not even read.
   */
  public Result run(EntryStore store, Instant now, long room) {
    switch (kind) {
      case "get" -> {
        Optional<Entry> entry;
        try {
          entry =
              condition == Condition.NONE
                  ? store.getIfNoLongerThan(key, now, room)
                  : Optional.of(store.get(key, now));
        } catch (KeyNotFound e) {
          condition.check(Optional.empty());
          throw e;
        }
        condition.check(entry);
        return entry
            .filter(e -> e.json().length() <= room)
            .map(e -> new Result(200, e.toJson(now)))
            .orElse(Result.TOO_LARGE);
      }
      case "delete" -> {
        store.delete(key, now, condition);
        return new Result(
            200,
            "{\"status\":\"ok\",\"action\":\"deleted\",\"key\":" + JSON.createValue(key) + "}");
      }
      default -> {
        Written written = store.update(key, now, condition, change.orElseThrow());
        Entry entry = written.entry();
        String body =
            switch (kind) {
              case "set" -> written.toJson();
              case "incr", "decr" -> entry.toCounterJson(now);
              default -> entry.toTtlJson(now);
            };
        return Result.of(
            kind.equals("set") && written.created() ? 201 : 200, body, entry.version());
      }
    }
  }

  /** Whether a failure of this op is only a result: a get or delete of an absent key (B4). */
  public boolean absentIsAResult() {
    return kind.equals("get") || kind.equals("delete");
  }

  /**
   * An op's result: its status and the body its single-key request would answer, as text — a value
   * is copied, never parsed again.
   *
   * @param status the HTTP status the single-key request would have
   * @param body that request's JSON object, as kvstore writes it
   */
  public record Result(int status, String body) {

    private static final String OK = "{\"status\":\"ok\",";

    /** B6: a get's value that the batch's answer has no room for. */
    static final Result TOO_LARGE =
        new Result(
            413,
            "{\"error\":\"This value would take the batch's answer beyond kv.body.max-bytes"
                + " characters; GET this key on its own.\"}");

    /** The body with {@code "version"} added as its last member. */
    static Result of(int status, String body, long version) {
      return new Result(
          status, body.substring(0, body.length() - 1) + ",\"version\":" + version + "}");
    }

    /**
     * {@code {"status": 200, ...body}}; the numeric status stands for the seed's {@code "ok"},
     * which kvstore's bodies put first when they have it.
     */
    String toJson() {
      int members = body.startsWith(OK) ? OK.length() : 1;
      return "{\"status\":"
          + status
          + (body.length() - members > 1 ? "," : "")
          + body.substring(members);
    }
  }
}
