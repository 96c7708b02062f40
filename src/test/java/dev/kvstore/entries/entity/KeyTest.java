package dev.kvstore.entries.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kvstore.errors.InvalidRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** E1: the rules a key follows. */
class KeyTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"a", "user:42:profile", "été", "名前", "a b", "x_", "😀", "-.~!$&'()*+,;=@"})
  void aKeyThatFollowsTheRulesIsAccepted(String key) {
    assertEquals(key, Key.validate(key));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "a/b", "/", "_keys", "_", "tab\there", "nul\u0000", "del\u007f", "new\nline"})
  void aKeyThatBreaksARuleIsA400(String key) {
    InvalidRequest e = assertThrows(InvalidRequest.class, () -> Key.validate(key));
    assertEquals(400, e.status());
  }

  @org.junit.jupiter.api.Test
  void lengthIsCountedInCharactersNotUtf16Units() {
    String emojis = "😀".repeat(Key.MAX_LENGTH);
    assertEquals(emojis, Key.validate(emojis));
    assertThrows(InvalidRequest.class, () -> Key.validate(emojis + "a"));
    assertThrows(InvalidRequest.class, () -> Key.validate("k".repeat(Key.MAX_LENGTH + 1)));
  }

  @org.junit.jupiter.api.Test
  void aConfiguredLimitCanOnlyLowerTheLength() {
    assertEquals("k".repeat(10), Key.validate("k".repeat(10), 10));
    assertThrows(InvalidRequest.class, () -> Key.validate("k".repeat(11), 10));
    assertThrows(InvalidRequest.class, () -> Key.validate("k".repeat(513), 1000));
  }
}
