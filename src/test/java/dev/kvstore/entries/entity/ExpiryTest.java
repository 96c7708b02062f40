package dev.kvstore.entries.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.errors.InvalidRequest;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** E2: a TTL becomes an instant once, against the operation's now. */
class ExpiryTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void aTtlInWholeSecondsEndsThatManySecondsAfterNow() {
    Expiry expiry = Expiry.fromFields(Json.createValue(60), null, null, NOW);
    assertEquals(NOW.plusSeconds(60), expiry.at());
  }

  @Test
  void aFractionalTtlGivesMillisecondPrecision() {
    assertEquals(NOW.plusMillis(1500), Expiry.afterTtl(Json.createValue(1.5), NOW));
    assertEquals(
        NOW.plusMillis(1), Expiry.afterTtl(Json.createValue(new BigDecimal("0.001")), NOW));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "0.0004", "3153600001", "1e30"})
  void aTtlOutOfRangeIsA400(String seconds) {
    JsonValue ttl = Json.createValue(new BigDecimal(seconds));
    InvalidRequest e = assertThrows(InvalidRequest.class, () -> Expiry.afterTtl(ttl, NOW));
    assertEquals(400, e.status());
  }

  @Test
  void theLongestTtlIsAHundredYears() {
    JsonValue ttl = Json.createValue(Expiry.MAX_TTL_SECONDS);
    assertEquals(NOW.plusSeconds(Expiry.MAX_TTL_SECONDS), Expiry.afterTtl(ttl, NOW));
  }

  @Test
  void aTtlThatIsNotANumberIsA400() {
    assertThrows(InvalidRequest.class, () -> Expiry.afterTtl(Json.createValue("60"), NOW));
    assertThrows(InvalidRequest.class, () -> Expiry.afterTtl(JsonValue.TRUE, NOW));
    assertThrows(InvalidRequest.class, () -> Expiry.afterTtl(JsonValue.EMPTY_JSON_ARRAY, NOW));
  }

  @Test
  void expiresAtIsAFutureInstantToTheMillisecond() {
    JsonValue at = Json.createValue("2030-01-01T00:00:10.123456Z");
    assertEquals(Instant.parse("2030-01-01T00:00:10.123Z"), Expiry.parseExpiresAt(at, NOW));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2030-01-01T00:00:00Z",
        "2029-12-31T23:59:59Z",
        "tomorrow",
        "2030-01-01",
        "2131-01-01T00:00:00Z"
      })
  void expiresAtNowInThePastUnreadableOrTooFarIsA400(String text) {
    JsonValue at = Json.createValue(text);
    assertThrows(InvalidRequest.class, () -> Expiry.parseExpiresAt(at, NOW));
  }

  @Test
  void atMostOneOfTtlExpiresAtAndKeepTtl() {
    JsonValue ttl = Json.createValue(5);
    JsonValue at = Json.createValue("2030-01-02T00:00:00Z");
    assertThrows(InvalidRequest.class, () -> Expiry.fromFields(ttl, at, null, NOW));
    assertThrows(InvalidRequest.class, () -> Expiry.fromFields(ttl, null, JsonValue.TRUE, NOW));
    assertThrows(InvalidRequest.class, () -> Expiry.fromFields(null, at, JsonValue.TRUE, NOW));
  }

  @Test
  void absentOrNullFieldsClearTheTtl() {
    assertSame(Expiry.NONE, Expiry.fromFields(null, null, null, NOW));
    assertSame(
        Expiry.NONE, Expiry.fromFields(JsonValue.NULL, JsonValue.NULL, JsonValue.FALSE, NOW));
    assertEquals(Optional.empty(), Expiry.NONE.resolve(Optional.of(NOW)));
  }

  @Test
  void keepTtlKeepsTheCurrentExpiry() {
    Expiry keep = Expiry.fromFields(null, null, JsonValue.TRUE, NOW);
    assertTrue(keep.keepsCurrent());
    assertEquals(Optional.of(NOW), keep.resolve(Optional.of(NOW)));
    assertEquals(Optional.empty(), keep.resolve(Optional.empty()));
    assertThrows(
        InvalidRequest.class, () -> Expiry.fromFields(null, null, Json.createValue("yes"), NOW));
  }
}
