package dev.kvstore.entries.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreconditionsTest {

  @ParameterizedTest
  @ValueSource(strings = {"*", " * ", "\"3\"", "W/\"3\"", "\"1\", \"2\" ,W/\"x,y\"", "\"\""})
  void anAsteriskOrEntityTagsAreAList(String header) {
    assertTrue(Preconditions.isTagList(header));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "3",
        "\"3",
        "*, \"1\"",
        "\"1\",,\"2\"",
        "\"1\",",
        "\"a\\\"",
        "w/\"1\""
      })
  void anythingElseIsNot(String header) {
    assertFalse(Preconditions.isTagList(header));
  }

  @Test
  void aHeaderOfManyTagsIsReadWithoutRecursion() {
    String many = "\"1\",".repeat(100_000);
    assertTrue(Preconditions.isTagList(many + "\"2\""));
    assertFalse(Preconditions.isTagList(many + "x"));
  }
}
