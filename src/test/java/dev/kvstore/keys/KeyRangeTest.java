package dev.kvstore.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** L1: a prefix as an index range. */
class KeyRangeTest {

  @Test
  void aPrefixEndsBeforeItsSuccessor() {
    assertEquals(new KeyRange("user:", Optional.of("user;")), KeyRange.prefixed("user:"));
    assertEquals(new KeyRange("a\uffff", Optional.of("b")), KeyRange.prefixed("a\uffff"));
  }

  @Test
  void theEmptyPrefixHasNoUpperBound() {
    assertEquals(new KeyRange("", Optional.empty()), KeyRange.prefixed(""));
    assertEquals(Optional.empty(), KeyRange.prefixed("\uffff\uffff").high());
  }

  @Test
  void thePrefixAndAGlobsPrefixNarrowEachOther() {
    assertEquals(Optional.of("user:4"), KeyRange.narrowest("user:", "user:4"));
    assertEquals(Optional.of("user:4"), KeyRange.narrowest("user:4", "user:"));
    assertEquals(Optional.of("a"), KeyRange.narrowest("a", ""));
    assertEquals(Optional.empty(), KeyRange.narrowest("user:", "order:"));
  }
}
