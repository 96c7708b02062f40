package dev.kvstore.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kvstore.entries.control.ValueConflict;
import dev.kvstore.errors.InvalidRequest;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** C1–C3: counter arithmetic. */
class CounterTest {

  private static String add(String stored, String by) {
    return Counter.add(stored, new BigDecimal(by));
  }

  @ParameterizedTest
  @CsvSource({
    "0, 1, 1",
    "41, 1, 42",
    "10, -15, -5",
    "9223372036854775806, 1, 9223372036854775807",
    "-9223372036854775807, -1, -9223372036854775808",
    "40, 0.1, 40.1",
    "0.1, 0.2, 0.3",
    "1.5, 1.5, 3",
    "40.1, -0.1, 40",
    "2.50, 1, 3.5",
    "1E+2, 1, 101",
    "-0.5, 0.5, 0"
  })
  void c2c3SumsAreExact(String stored, String by, String expected) {
    assertEquals(expected, add(stored, by));
  }

  @ParameterizedTest
  @CsvSource({"9223372036854775807, 1", "-9223372036854775808, -1", "12345678901234567890123, 1"})
  void c2AnIntegerResultBeyond64BitsIsAConflict(String stored, String by) {
    assertThrows(ValueConflict.class, () -> add(stored, by));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"5\"", "true", "null", "[1]", "{\"n\":1}"})
  void c3AStoredValueThatIsNotANumberIsAConflict(String stored) {
    assertThrows(ValueConflict.class, () -> add(stored, "1"));
  }

  @Test
  void c3AStoredNumberOfAbsurdSizeIsAConflictNotAnOutOfMemoryError() {
    assertThrows(ValueConflict.class, () -> add("1E+999999999", "0.5"));
  }

  @Test
  void c1ByIsANumberThatFits() {
    assertEquals(new BigDecimal("5"), Counter.parseBy(Json.createValue(5)));
    assertEquals(
        new BigDecimal("-0.25"), Counter.parseBy(Json.createValue(new BigDecimal("-0.25"))));
    for (JsonValue bad :
        new JsonValue[] {
          Json.createValue("5"),
          JsonValue.TRUE,
          Json.createValue(new BigDecimal("9223372036854775808")),
          Json.createValue(new BigDecimal("1e-2000"))
        }) {
      assertThrows(InvalidRequest.class, () -> Counter.parseBy(bad), bad.toString());
    }
  }
}
