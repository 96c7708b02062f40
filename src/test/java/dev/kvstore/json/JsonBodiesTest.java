package dev.kvstore.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.errors.InvalidRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** J1–J3: request bodies. */
class JsonBodiesTest {

  private static JsonObject read(String body, long limit) {
    return JsonBodies.readObject(
        JsonBodies.parsers(64),
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
        limit,
        "{}");
  }

  private static JsonBodies.ObjectWithText readWithText(String body) {
    return JsonBodies.readObjectWithText(
        JsonBodies.parsers(64), stream(body), 1_000_000, "{}", "value");
  }

  static List<String> notOneJsonObject() {
    return List.of(
        "",
        "   ",
        "{\"value\": 1",
        "{\"value\": 1} x",
        "{\"value\": 1} {}",
        "[1]",
        "\"text\"",
        "null",
        "{\"value\": 1, \"value\": 2}",
        "{\"value\": {\"a\": 1, \"a\": 2}}",
        "{\"value\": [1, {\"b\": {}, \"a\": [{\"c\": 1, \"c\": 1}]}]}",
        "{\"ttl\": 1, \"value\": 1, \"ttl\": 2}",
        "{\"value\": 1, \"ttl\": {\"a\": 1, \"a\": 2}}",
        "{\"value\": [1, 2}",
        "{\"value\": {\"a\": 1]}",
        "{value: 1}",
        "{\"value\": 01}",
        "{\"value\": NaN}");
  }

  @ParameterizedTest
  @MethodSource("notOneJsonObject")
  void j2AnythingButOneJsonObjectIsA400(String body) {
    InvalidRequest e = assertThrows(InvalidRequest.class, () -> read(body, 1000));
    assertEquals(400, e.status());
  }

  @ParameterizedTest
  @MethodSource("notOneJsonObject")
  void j2AnythingButOneJsonObjectIsA400AlsoWhenAFieldIsCopiedAsText(String body) {
    InvalidRequest e = assertThrows(InvalidRequest.class, () -> readWithText(body));
    assertEquals(400, e.status(), e.getMessage());
  }

  @Test
  void j7ABodyThatIsNotUtf8IsA400NotAReplacementCharacter() {
    byte[] latin1 = "{\"value\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    InvalidRequest e =
        assertThrows(
            InvalidRequest.class,
            () ->
                JsonBodies.readObjectWithText(
                    JsonBodies.parsers(64), new ByteArrayInputStream(latin1), 1000, "{}", "value"));
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    assertEquals("\"café\"", readWithText("{\"value\": \"café\"}").text().orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"value\": \"\\ud800\"}",
        "{\"value\": \"\\uDC00\"}",
        "{\"value\": \"\\ud800\\u0041\"}",
        "{\"value\": \"\\ud800x\"}",
        "{\"value\": \"\\udc00\\ud800\"}",
        "{\"value\": 1, \"\\ud83d\": 2}",
        "{\"value\": [\"\\ud83d\\ude00\", \"\\ude00\"]}"
      })
  void j7HalfASurrogatePairIsA400(String body) {
    InvalidRequest e = assertThrows(InvalidRequest.class, () -> readWithText(body));
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("surrogate"), e.getMessage());
    assertThrows(InvalidRequest.class, () -> read(body, 1000));
  }

  @Test
  void j7AWholeSurrogatePairAndAnEscapedBackslashAreRead() {
    assertEquals("\"😀\"", readWithText("{\"value\": \"\\ud83d\\ude00\"}").text().orElseThrow());
    assertEquals("\"\\\\ud800\"", readWithText("{\"value\": \"\\\\ud800\"}").text().orElseThrow());
  }

  @Test
  void j2ANameRepeatedInSiblingObjectsIsNoRepetition() {
    String value = "[{\"a\":1},{\"a\":2,\"b\":{\"a\":3}}]";
    assertEquals(value, readWithText("{\"value\":" + value + "}").text().orElseThrow());
  }

  @Test
  void j1ABodyOverTheLimitIsA413AndIsNotReadWhole() {
    AtomicLong served = new AtomicLong();
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            served.incrementAndGet();
            return ' ';
          }
        };
    InvalidRequest e =
        assertThrows(
            InvalidRequest.class,
            () -> JsonBodies.readObject(JsonBodies.parsers(64), endless, 10_000, "{}"));
    assertEquals(413, e.status());
    assertEquals(true, served.get() < 20_000, "read " + served.get() + " bytes");
  }

  @Test
  void j1ABodyAtTheLimitIsRead() {
    String body = "{\"value\": \"" + "x".repeat(100) + "\"}";
    assertEquals("x".repeat(100), read(body, body.length()).getString("value"));
  }

  @Test
  void j3NumbersAndStringsSerializeBackToTheSameText() {
    String value =
        "{\"a\":[1,-2,0.1,2.50,9223372036854775807,-9223372036854775808,"
            + "12345678901234567890123,3.141592653589793238462643383279],"
            + "\"s\":\"é ü 名前 😀 \\\" \\\\ \\n \\u0001\",\"t\":true,\"f\":false,\"n\":null,\"o\":{}}";
    assertEquals(value, read("{\"value\":" + value + "}", 10_000).get("value").toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":[1,-2,0.1,2.50,1E+3,1e3,-0,9223372036854775807,-9223372036854775808,"
            + "12345678901234567890123,3.141592653589793238462643383279],"
            + "\"s\":\"é ü 名前 😀 \\\" \\\\ \\n \\u0001 \\/\",\"t\":true,\"f\":false,\"n\":null,\"o\":{}}",
        "[[],{},[[{\"\":\"\"}]]]",
        "\"root \\u001f\"",
        "1E+3",
        "-0.0",
        "false",
        "null"
      })
  void j3ACopiedFieldIsTheTextOfItsParsedValue(String value) {
    String body = "{\"ttl\": 5, \"value\": " + value + ", \"keep_ttl\": false}";
    JsonBodies.ObjectWithText copied = readWithText(body);
    assertEquals(read(body, 10_000).get("value").toString(), copied.text().orElseThrow());
    assertEquals(Set.of("ttl", "keep_ttl"), copied.fields().keySet());
    assertEquals(5, copied.fields().getInt("ttl"));
  }

  @Test
  void j3EveryCharacterIsCopiedAsItsParsedValueWritesIt() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      if (!Character.isSurrogate(c)) {
        all.append(c);
      }
    }
    all.append("😀");
    String string = JsonBodies.JSON.createValue(all.toString()).toString();
    for (String value : List.of(string, "[" + string + "]", "{" + string + ":" + string + "}")) {
      String body = "{\"value\":" + value + "}";
      assertEquals(read(body, 1_000_000).get("value").toString(), readWithText(body).text().get());
    }
  }

  @Test
  void withoutTheFieldThereIsNoText() {
    JsonBodies.ObjectWithText copied = readWithText("{\"ttl\": 5}");
    assertEquals(Optional.empty(), copied.text());
    assertEquals(Set.of("ttl"), copied.fields().keySet());
  }

  @Test
  void j4ACopiedFieldNestedDeeperThanTheLimitIsA400AndTheLimitItselfIsRead() {
    String atLimit = "[".repeat(63) + "]".repeat(63);
    assertEquals(atLimit, readWithText("{\"value\":" + atLimit + "}").text().orElseThrow());
    InvalidRequest e =
        assertThrows(InvalidRequest.class, () -> readWithText("{\"value\":[" + atLimit + "]}"));
    assertEquals(400, e.status());
  }

  @Test
  void j4ABodyNestedDeeperThanTheLimitIsA400AndTheLimitItselfIsRead() {
    String atLimit = "[".repeat(64) + "]".repeat(64);
    String over = "[".repeat(65) + "]".repeat(65);
    JsonParserFactory parsers = JsonBodies.parsers(64);
    assertEquals(
        JsonValue.ValueType.ARRAY,
        JsonBodies.parseValue(parsers, JsonBodies.readBytes(stream(atLimit), 10_000))
            .getValueType());
    InvalidRequest e =
        assertThrows(
            InvalidRequest.class,
            () -> JsonBodies.parseValue(parsers, JsonBodies.readBytes(stream(over), 10_000)));
    assertEquals(400, e.status());
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void utf8LengthCountsBytes() {
    assertEquals(2, JsonBodies.utf8Length("ab", 100));
    assertEquals(4, JsonBodies.utf8Length("😀", 1));
    assertEquals(2, JsonBodies.utf8Length("é", 1));
  }
}
