package dev.kvstore.entries.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.entries.entity.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** B6 in the store: a value that a batch's answer has no room for is left unread. */
class LargeValueReadsTest {

  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  private final List<String> calls = new ArrayList<>();

  /** A store of one key whose stored value is {@code json}; it records what it is asked. */
  private EntryStore storeOf(String json, long maxValueBytes) {
    EntryStore store =
        new EntryStore() {
          @Override
          long liveValueLength(String key, Instant now) {
            calls.add("length");
            return json.length();
          }

          @Override
          public Entry get(String key, Instant now) {
            calls.add("read");
            return Entry.create(key, json, Optional.empty(), 1, now);
          }
        };
    store.maxValueBytes = maxValueBytes;
    return store;
  }

  @Test
  void aValueLongerThanTheRoomIsToldByItsLengthAndNeverRead() {
    EntryStore store = storeOf("\"" + "x".repeat(600) + "\"", 1000);

    assertTrue(store.getIfNoLongerThan("k", NOW, 500).isEmpty());
    assertEquals(List.of("length"), calls);
  }

  @Test
  void aValueThatFitsIsReadAfterItsLength() {
    EntryStore store = storeOf("\"" + "x".repeat(400) + "\"", 1000);

    assertEquals(402, store.getIfNoLongerThan("k", NOW, 500).orElseThrow().json().length());
    assertEquals(List.of("length", "read"), calls);
  }

  @Test
  void withRoomForTheLongestValueAllowedNoLengthIsAskedFor() {
    EntryStore store = storeOf("[1,2,3]", 1000);

    assertEquals("[1,2,3]", store.getIfNoLongerThan("k", NOW, 1000).orElseThrow().json());
    assertEquals(List.of("read"), calls);
  }

  @Test
  void aValueStoredUnderALargerLimitIsStillLeftOutOnceRead() {
    EntryStore store = storeOf("\"" + "x".repeat(2000) + "\"", 1000);

    assertTrue(store.getIfNoLongerThan("k", NOW, 1500).isEmpty());
    assertEquals(List.of("read"), calls);
  }
}
