package dev.kvstore.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kvstore.errors.InvalidRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** L2: cursors. */
class CursorTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "user:42", "été 😀 名前", "k/with\"quote"})
  void aCursorGivesBackTheKeyItStandsAfter(String key) {
    String cursor = Cursor.after(key);
    assertEquals(true, cursor.matches("[A-Za-z0-9_-]+"), cursor);
    assertEquals(key, Cursor.keyOf(cursor));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "!!!", "dXNlcjo0Mg", "azE6", "_w"})
  void l2ACursorThisServerDidNotGiveIsA400(String cursor) {
    assertEquals(400, assertThrows(InvalidRequest.class, () -> Cursor.keyOf(cursor)).status());
  }

  @Test
  void aCursorIsNotTheKeyInTheClear() {
    assertEquals(false, Cursor.after("secret:key").contains("secret"));
  }
}
