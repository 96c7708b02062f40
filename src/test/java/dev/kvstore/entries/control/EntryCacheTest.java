package dev.kvstore.entries.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.kvstore.entries.entity.Entry;
import dev.kvstore.testing.CompletingTransactions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** E11: what the read cache keeps, and what it must not. */
class EntryCacheTest {

  private final EntryCache cache = new EntryCache();
  private final CompletingTransactions transactions = new CompletingTransactions();
  private final AtomicInteger loads = new AtomicInteger();

  @BeforeEach
  void enable() {
    cache.maxBytes = 1 << 20;
    cache.transactions = transactions;
    cache.enabled = true;
  }

  private Function<String, Entry> database(int value) {
    return key -> {
      loads.incrementAndGet();
      return entry(key, value);
    };
  }

  private static Entry entry(String key, int value) {
    return Entry.create(key, Integer.toString(value), Optional.empty(), value, Instant.EPOCH);
  }

  @Test
  void aLoadedEntryIsServedFromMemoryAfterwards() {
    cache.read("k", database(1));
    Entry again = cache.read("k", database(2));
    assertEquals(1, loads.get());
    assertEquals("1", again.json());
    assertSame(again, cache.read("k", database(3)));
  }

  @Test
  void whileAWriteIsUnderWayReadsGoToTheDatabaseAndKeepNothing() {
    cache.read("k", database(1));
    cache.writing("k");
    assertEquals("2", cache.read("k", database(2)).json());
    assertEquals("2", cache.read("k", database(2)).json());
    assertEquals(3, loads.get());
    transactions.complete();
    assertEquals("2", cache.read("k", database(2)).json());
    assertEquals("2", cache.read("k", database(2)).json());
    assertEquals(4, loads.get());
  }

  @Test
  void aValueLoadedBeforeAWriteCompletedIsNeverKept() {
    // the read loads 1, then a write of the key begins and commits before the read keeps it
    cache.read(
        "k",
        key -> {
          cache.writing(key);
          transactions.complete();
          return entry(key, 1);
        });
    assertEquals("2", cache.read("k", database(2)).json());
    assertEquals(1, loads.get());
  }

  @Test
  void aWriteOfOneKeyLeavesTheOthersCached() {
    cache.read("a", database(1));
    cache.read("b", database(1));
    cache.writing(List.of("a"));
    transactions.complete();
    cache.read("b", database(2));
    assertEquals(2, loads.get());
  }

  @Test
  void aLiveCachedEntryIsServedWithoutAnyLoad() {
    assertEquals(Optional.empty(), cache.live("k", Instant.EPOCH));
    Entry loaded = cache.read("k", database(1));
    assertEquals("1", cache.live("k", Instant.EPOCH).orElseThrow().json());
    assertEquals(
        loaded.json(), cache.live("k", Instant.EPOCH.plusSeconds(3600)).orElseThrow().json());
    assertEquals(1, loads.get());
  }

  @Test
  void anExpiredOrBeingWrittenEntryIsNotServedFromMemory() {
    Instant expiry = Instant.EPOCH.plusSeconds(10);
    cache.read("k", key -> Entry.create(key, "1", Optional.of(expiry), 1, Instant.EPOCH));
    assertEquals("1", cache.live("k", expiry.minusMillis(1)).orElseThrow().json());
    assertEquals(Optional.empty(), cache.live("k", expiry), "expired at its expiry instant (E3)");
    cache.read("j", database(1));
    cache.writing("j");
    assertEquals(Optional.empty(), cache.live("j", Instant.EPOCH));
    transactions.complete();
    assertEquals(Optional.empty(), cache.live("j", Instant.EPOCH), "dropped once written");
  }

  @Test
  void e17ACachedKeyIsCachedAgainWithWhatItsCommittedWriteLeft() {
    cache.read("k", database(1));
    cache.writing("k").wrote(entry("k", 2));
    assertEquals(Optional.empty(), cache.live("k", Instant.EPOCH), "not before the commit");

    transactions.complete();

    assertEquals("2", cache.live("k", Instant.EPOCH).orElseThrow().json());
    assertEquals("2", cache.read("k", database(3)).json());
    assertEquals(1, loads.get());
  }

  @Test
  void e17AKeyThatWasNotCachedIsNotCachedByItsWrite() {
    cache.writing("k").wrote(entry("k", 2));
    transactions.complete();

    assertEquals(Optional.empty(), cache.live("k", Instant.EPOCH));
  }

  @Test
  void e17ARolledBackWriteOrOneThatReportedNothingLeavesNothingCached() {
    cache.read("k", database(1));
    cache.read("j", database(1));
    cache.writing("k").wrote(entry("k", 2));
    transactions.rollBack();
    cache.writing("j"); // a delete, an expiry: no entry
    transactions.complete();

    assertEquals(Optional.empty(), cache.live("k", Instant.EPOCH));
    assertEquals(Optional.empty(), cache.live("j", Instant.EPOCH));
    assertEquals("1", cache.read("k", database(1)).json());
    assertEquals(3, loads.get());
  }

  @Test
  void e17TwoTransactionsThatWroteAKeyAtOnceLeaveItUncachedInEitherOrder() {
    for (boolean firstEndsFirst : List.of(true, false)) {
      cache.read("k", database(1));
      CompletingTransactions first = new CompletingTransactions();
      CompletingTransactions second = new CompletingTransactions();
      cache.transactions = first;
      EntryCache.Marks firstMarks = cache.writing("k");
      cache.transactions = second;
      EntryCache.Marks secondMarks = cache.writing("k");
      firstMarks.wrote(entry("k", 2));
      secondMarks.wrote(entry("k", 3));

      (firstEndsFirst ? first : second).complete();
      (firstEndsFirst ? second : first).complete();

      // which of them committed last is not known here: neither value may be served
      assertEquals(
          Optional.empty(), cache.live("k", Instant.EPOCH), "first ends first: " + firstEndsFirst);
    }
  }

  @Test
  void e17AWriteTooLargeToCacheIsNotCached() {
    cache.maxBytes = 16 * 200;
    cache.read("k", database(1));
    cache
        .writing("k")
        .wrote(Entry.create("k", "1".repeat(300), Optional.empty(), 2, Instant.EPOCH));
    transactions.complete();

    assertEquals(Optional.empty(), cache.live("k", Instant.EPOCH));
  }

  @Test
  void aMissingKeyIsNotRemembered() {
    assertNull(cache.read("k", key -> null));
    assertEquals("1", cache.read("k", database(1)).json());
  }

  @Test
  void memoryStaysWithinItsBound() {
    cache.maxBytes = 16 * 200;
    for (int i = 0; i < 100; i++) {
      cache.read("k" + i, database(i));
    }
    loads.set(0);
    for (int i = 0; i < 100; i++) {
      cache.read("k" + i, database(i));
    }
    assertEquals(true, loads.get() >= 80, "at most 20 of 100 entries fit: " + loads.get());
  }

  @Test
  void offItAlwaysAsksTheDatabase() {
    cache.enabled = false;
    cache.read("k", database(1));
    cache.read("k", database(1));
    assertEquals(2, loads.get());
    assertEquals(Optional.empty(), cache.live("k", Instant.EPOCH));
  }

  @Test
  void unsetItHoldsAnEighthOfTheHeapAndASettingWins() {
    long heap = 512L << 20;
    assertEquals(64L << 20, EntryCache.maxBytes(Optional.empty(), heap));
    assertEquals(24L << 20, EntryCache.maxBytes(Optional.empty(), 192L << 20));
    assertEquals(1000, EntryCache.maxBytes(Optional.of(1000L), heap));
    assertEquals(0, EntryCache.maxBytes(Optional.of(0L), heap));
  }
}
