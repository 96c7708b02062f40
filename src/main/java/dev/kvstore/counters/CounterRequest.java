package dev.kvstore.counters;

import dev.kvstore.entries.control.Change;
import dev.kvstore.entries.entity.Entry;
import dev.kvstore.entries.entity.Expiry;
import dev.kvstore.json.JsonBodies;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The body of an increment: {@code {"by"?: n, "ttl"?: s}}, every field optional.
 *
 * @param by the amount, 1 when absent
 * @param ttl the expiry of a counter this increment creates
 */
public record CounterRequest(BigDecimal by, Optional<Instant> ttl) {

  public static final String EXAMPLE = "{\"by\": 5, \"ttl\": 60}";

  private static final List<String> FIELDS = List.of("by", "ttl");

  public static CounterRequest parse(JsonObject body, Instant now) {
    JsonBodies.requireKnownFields(body, FIELDS, "an increment");
    JsonValue by = body.get("by");
    JsonValue ttl = body.get("ttl");
    return new CounterRequest(
        given(by) ? Counter.parseBy(by) : BigDecimal.ONE,
        given(ttl) ? Optional.of(Expiry.afterTtl(ttl, now)) : Optional.empty());
  }

  /** C2–C4: the increment (or, negated, the decrement) of the live counter, or of 0. */
  public Change change(boolean decrement) {
    BigDecimal amount = decrement ? by.negate() : by;
    return current ->
        new Change.Replacement(
            Counter.add(current.entry().map(Entry::json).orElse("0"), amount),
            current.entry().isPresent() ? current.expiresAt() : ttl);
  }

  private static boolean given(JsonValue value) {
    return value != null && value.getValueType() != JsonValue.ValueType.NULL;
  }
}
