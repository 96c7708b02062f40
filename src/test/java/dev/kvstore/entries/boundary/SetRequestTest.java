package dev.kvstore.entries.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kvstore.entries.entity.Expiry;
import dev.kvstore.errors.InvalidRequest;
import dev.kvstore.json.JsonBodies;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** E7: the body of a SET. */
class SetRequestTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private static SetRequest parse(String body, long maxValueBytes) {
    return SetRequest.parse(
        JsonBodies.readObjectWithText(
            JsonBodies.parsers(64), stream(body), 1 << 20, SetRequest.EXAMPLE, "value"),
        maxValueBytes,
        NOW);
  }

  /** A batch's op: the body already parsed as a tree. */
  private static SetRequest parseTree(String body, long maxValueBytes) {
    return SetRequest.parse(
        JsonBodies.readObject(JsonBodies.parsers(64), stream(body), 1 << 20, "{}"),
        maxValueBytes,
        NOW);
  }

  private static ByteArrayInputStream stream(String body) {
    return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"k\":{\"n\":[1,2,3]}}",
        "[]",
        "\"é😀\"",
        "true",
        "null",
        "9223372036854775807",
        "12345678901234567890123",
        "0.1",
        "-0.5"
      })
  void anyJsonValueIsKeptAsTheSameText(String value) {
    assertEquals(value, parse("{\"value\":" + value + "}", 1000).json());
    assertEquals(value, parseTree("{\"value\":" + value + "}", 1000).json());
  }

  @Test
  void theSeedsBodyGivesAValueAndATtl() {
    SetRequest request = parse("{\"value\": \"hello\", \"ttl\": 60}", 1000);
    assertEquals("\"hello\"", request.json());
    assertEquals(NOW.plusSeconds(60), request.expiry().at());
  }

  @Test
  void aBodyWithoutTtlClearsIt() {
    assertEquals(Expiry.NONE, parse("{\"value\": 1}", 1000).expiry());
  }

  @Test
  void anUnknownFieldIsA400ThatNamesIt() {
    InvalidRequest e =
        assertThrows(InvalidRequest.class, () -> parse("{\"value\": 1, \"tll\": 5}", 1000));
    assertEquals(400, e.status());
    assertEquals(true, e.getMessage().contains("\"tll\""), e.getMessage());
  }

  @Test
  void aMissingValueIsA400() {
    assertEquals(400, assertThrows(InvalidRequest.class, () -> parse("{\"ttl\": 5}", 10)).status());
    assertEquals(
        400, assertThrows(InvalidRequest.class, () -> parseTree("{\"ttl\": 5}", 10)).status());
  }

  @Test
  void aValueOverTheLimitIsA413() {
    String value = "\"" + "é".repeat(10) + "\"";
    assertEquals(value, parse("{\"value\":" + value + "}", 22).json());
    InvalidRequest e =
        assertThrows(InvalidRequest.class, () -> parse("{\"value\":" + value + "}", 21));
    assertEquals(413, e.status());
  }
}
