package dev.kvstore.entries.entity;

import dev.kvstore.errors.InvalidRequest;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * What a write does to the expiry of its entry: clear it, keep it, or set an absolute instant.
 *
 * <p>A TTL is turned into an instant once, here at the edge, against the operation's one {@code
 * now}; from then on only the instant exists (E2).
 *
 * @param at the new expiry instant, or {@code null} for none
 * @param keepsCurrent whether the entry keeps the expiry it has
 */
public record Expiry(Instant at, boolean keepsCurrent) {

  /** The longest TTL accepted: 100 years of 365 days, in seconds. */
  public static final long MAX_TTL_SECONDS = 100L * 365 * 24 * 60 * 60;

  /** A plain SET: any expiry is cleared (Redis). */
  public static final Expiry NONE = new Expiry(null, false);

  /** {@code keep_ttl}: a live entry keeps its expiry. */
  public static final Expiry KEEP = new Expiry(null, true);

  private static final BigDecimal MILLIS_PER_SECOND = BigDecimal.valueOf(1000);

  /**
   * Reads the {@code ttl}, {@code expires_at} and {@code keep_ttl} fields of a write; each may be
   * absent ({@code null}) or JSON {@code null}, and at most one may be given.
   */
  public static Expiry fromFields(
      JsonValue ttl, JsonValue expiresAt, JsonValue keepTtl, Instant now) {
    boolean hasTtl = given(ttl);
    boolean hasExpiresAt = given(expiresAt);
    boolean keeps = keepsTtl(keepTtl);
    if ((hasTtl ? 1 : 0) + (hasExpiresAt ? 1 : 0) + (keeps ? 1 : 0) > 1) {
      throw InvalidRequest.badRequest("Give at most one of ttl, expires_at and keep_ttl.");
    }
    if (hasTtl) {
      return new Expiry(afterTtl(ttl, now), false);
    }
    if (hasExpiresAt) {
      return new Expiry(parseExpiresAt(expiresAt, now), false);
    }
    return keeps ? KEEP : NONE;
  }

  /** The instant {@code ttl} seconds after now: a positive number, a fraction giving millis. */
  public static Instant afterTtl(JsonValue ttl, Instant now) {
    if (!(ttl instanceof JsonNumber number)) {
      throw InvalidRequest.badRequest("ttl must be a number of seconds, such as 60 or 0.5.");
    }
    BigDecimal seconds = number.bigDecimalValue();
    if (seconds.signum() <= 0 || seconds.compareTo(BigDecimal.valueOf(MAX_TTL_SECONDS)) > 0) {
      throw InvalidRequest.badRequest(
          "ttl must be more than 0 and at most " + MAX_TTL_SECONDS + " seconds (100 years).");
    }
    long millis = seconds.multiply(MILLIS_PER_SECOND).setScale(0, RoundingMode.HALF_UP).longValue();
    if (millis == 0) {
      throw InvalidRequest.badRequest("ttl must be at least 0.001 seconds.");
    }
    return now.plusMillis(millis);
  }

  /** An ISO-8601 UTC instant after now and at most {@link #MAX_TTL_SECONDS} away, to the milli. */
  public static Instant parseExpiresAt(JsonValue expiresAt, Instant now) {
    Instant at = parseInstant(expiresAt).truncatedTo(ChronoUnit.MILLIS);
    if (!at.isAfter(now)) {
      throw InvalidRequest.badRequest(
          "expires_at "
              + at
              + " is not in the future; the time now is "
              + now.truncatedTo(ChronoUnit.MILLIS)
              + ".");
    }
    if (at.isAfter(now.plusSeconds(MAX_TTL_SECONDS))) {
      throw InvalidRequest.badRequest("expires_at must be at most 100 years from now.");
    }
    return at;
  }

  /** The expiry a write leaves on an entry whose live expiry is {@code current}. */
  public Optional<Instant> resolve(Optional<Instant> current) {
    return keepsCurrent ? current : Optional.ofNullable(at);
  }

  private static Instant parseInstant(JsonValue value) {
    if (value instanceof JsonString text) {
      try {
        return Instant.parse(text.getString());
      } catch (DateTimeParseException e) {
        // answered below
      }
    }
    throw InvalidRequest.badRequest(
        "expires_at must be an ISO-8601 UTC instant such as \"2030-01-01T00:00:00Z\".");
  }

  private static boolean keepsTtl(JsonValue keepTtl) {
    if (!given(keepTtl) || keepTtl.getValueType() == JsonValue.ValueType.FALSE) {
      return false;
    }
    if (keepTtl.getValueType() == JsonValue.ValueType.TRUE) {
      return true;
    }
    throw InvalidRequest.badRequest("keep_ttl must be true or false.");
  }

  private static boolean given(JsonValue value) {
    return value != null && value.getValueType() != JsonValue.ValueType.NULL;
  }
}
