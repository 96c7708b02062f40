package dev.kvstore.entries.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** E3 and the GET body. */
class EntryTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void anEntryIsExpiredExactlyWhenItsExpiryIsNotAfterNow() {
    Entry entry = Entry.create("k", "1", Optional.of(NOW), 1, NOW.minusSeconds(5));
    assertTrue(entry.isExpiredAt(NOW));
    assertFalse(entry.isExpiredAt(NOW.minusMillis(1)));
    assertTrue(entry.isExpiredAt(NOW.plusMillis(1)));
  }

  @Test
  void anEntryWithoutExpiryNeverExpires() {
    Entry entry = Entry.create("k", "1", Optional.empty(), 1, NOW);
    assertFalse(entry.isExpiredAt(Instant.MAX));
    assertEquals(-1, entry.ttlRemainingAt(NOW));
  }

  @Test
  void ttlRemainingIsRoundedToTheNearestSecond() {
    Entry entry = Entry.create("k", "1", Optional.of(NOW.plusMillis(60_000)), 1, NOW);
    assertEquals(60, entry.ttlRemainingAt(NOW));
    assertEquals(60, entry.ttlRemainingAt(NOW.plusMillis(400)));
    assertEquals(59, entry.ttlRemainingAt(NOW.plusMillis(600)));
    assertEquals(0, entry.ttlRemainingAt(NOW.plusMillis(59_700)));
  }

  @Test
  void theGetBodyHoldsTheStoredJsonTextUnchanged() {
    String value = "{\"n\":12345678901234567890123,\"f\":0.1,\"s\":\"é\\\"😀\"}";
    Entry entry = Entry.create("user:\"1\"", value, Optional.of(NOW.plusSeconds(10)), 7, NOW);
    assertEquals(
        "{\"key\":\"user:\\\"1\\\"\",\"value\":"
            + value
            + ",\"ttl_remaining\":10,\"expires_at\":\"2030-01-01T00:00:10Z\",\"version\":7}",
        entry.toJson(NOW));
  }
}
