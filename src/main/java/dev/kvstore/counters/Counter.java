package dev.kvstore.counters;

import dev.kvstore.entries.control.ValueConflict;
import dev.kvstore.errors.InvalidRequest;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import java.math.BigDecimal;

/**
 * Counter arithmetic on a stored JSON number (C1–C3): 64-bit integers stay integers, anything
 * fractional is exact decimal arithmetic, never binary floating point.
 */
public final class Counter {

  /** Digits a decimal counter may have: far beyond any count, short of a denial of service. */
  static final int MAX_DIGITS = 1000;

  private Counter() {}

  /** C1: an increment is a JSON number; an integer one fits in 64 bits. */
  public static BigDecimal parseBy(JsonValue by) {
    if (!(by instanceof JsonNumber number)) {
      throw InvalidRequest.badRequest("by must be a number, such as 5 or -0.5.");
    }
    BigDecimal amount = number.bigDecimalValue();
    if (digits(amount) > MAX_DIGITS || isIntegral(amount) && !fitsLong(amount)) {
      throw InvalidRequest.badRequest(
          "by must be a 64-bit integer or a decimal of at most " + MAX_DIGITS + " digits.");
    }
    return amount;
  }

  /**
   * The stored number plus {@code by}, as JSON text. C2: integer plus integer is 64-bit arithmetic
   * and an overflow is a 409; C3: otherwise the sum is exact ({@code 40 + 0.1 = 40.1}) and written
   * without trailing zeros. A stored value that is not a number is a 409.
   */
  public static String add(String storedJson, BigDecimal by) {
    BigDecimal stored = parseStored(storedJson);
    if (isIntegerText(storedJson) && isIntegral(by)) {
      try {
        return Long.toString(Math.addExact(stored.longValueExact(), by.longValueExact()));
      } catch (ArithmeticException e) {
        throw new ValueConflict(
            "The counter would leave the 64-bit integer range; it is unchanged.");
      }
    }
    if (digits(stored) > MAX_DIGITS) {
      throw new ValueConflict("The stored number has more than " + MAX_DIGITS + " digits.");
    }
    return stored.add(by).stripTrailingZeros().toPlainString();
  }

  private static BigDecimal parseStored(String json) {
    try {
      return new BigDecimal(json);
    } catch (NumberFormatException e) {
      throw new ValueConflict("The stored value is not a number; it cannot be incremented.");
    }
  }

  private static boolean isIntegerText(String json) {
    return json.chars().allMatch(c -> c == '-' || c >= '0' && c <= '9');
  }

  private static boolean isIntegral(BigDecimal amount) {
    return amount.signum() == 0 || amount.stripTrailingZeros().scale() <= 0;
  }

  private static boolean fitsLong(BigDecimal amount) {
    try {
      amount.longValueExact();
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  /** Digits of the plain decimal form: integer digits plus fraction digits. */
  private static long digits(BigDecimal amount) {
    return Math.max((long) amount.precision() - amount.scale(), 0) + Math.max(amount.scale(), 0);
  }
}
