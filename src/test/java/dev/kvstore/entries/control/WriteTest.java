package dev.kvstore.entries.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.entries.entity.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** E12: the writes of one group, applied in order to what the one before left. */
class WriteTest {

  private static final String KEY = "k";
  private static final Instant T = Instant.parse("2026-11-27T12:00:00Z");

  private final AtomicLong versions = new AtomicLong(100);
  private final List<String> seen = new ArrayList<>();

  /** An increment: records the value it found (or "absent" / "expired") and adds one to it. */
  private Write increment(Instant now) {
    return Write.of(
        now,
        Condition.NONE,
        current -> {
          seen.add(
              current.entry().map(Entry::json).orElse(current.expired() ? "expired" : "absent"));
          long value = current.entry().map(e -> Long.parseLong(e.json())).orElse(0L);
          return new Change.Replacement(Long.toString(value + 1), current.expiresAt());
        });
  }

  private Optional<Write> apply(Current found, Write... writes) {
    return Write.applyInOrder(KEY, found, List.of(writes), versions::incrementAndGet);
  }

  private static Current live(String json, Optional<Instant> expiresAt) {
    return new Current(Optional.of(Entry.create(KEY, json, expiresAt, 7, T)), false);
  }

  private static final Current ABSENT = new Current(Optional.empty(), false);

  @Test
  void eachWriteActsOnWhatTheOneBeforeItLeftWithANewVersion() {
    Write first = increment(T);
    Write second = increment(T);
    Write third = increment(T);

    Optional<Write> last = apply(ABSENT, first, second, third);

    assertEquals(List.of("absent", "1", "2"), seen);
    assertSame(third, last.orElseThrow());
    assertTrue(first.outcome().created());
    assertFalse(second.outcome().created());
    assertFalse(third.outcome().created());
    assertEquals(
        List.of(101L, 102L, 103L),
        List.of(
            first.outcome().entry().version(),
            second.outcome().entry().version(),
            third.outcome().entry().version()));
    assertEquals("3", third.outcome().entry().json());
    assertEquals("1", first.outcome().entry().json(), "each answer is its own write's entry");
  }

  @Test
  void aRefusedWriteFailsAloneAndTheNextSeesWhatWasThereBeforeIt() {
    Write first = increment(T);
    Write refused =
        Write.of(
            T,
            current -> {
              throw new PreconditionFailed("no");
            },
            current -> {
              throw new AssertionError("a refused write's change must not run");
            });
    Write failing =
        Write.of(
            T,
            Condition.NONE,
            current -> {
              throw new ValueConflict("not a number");
            });
    Write third = increment(T);

    Optional<Write> last = apply(live("5", Optional.empty()), first, refused, failing, third);

    assertThrows(PreconditionFailed.class, refused::outcome);
    assertThrows(ValueConflict.class, failing::outcome);
    assertEquals(List.of("5", "6"), seen);
    assertEquals("7", last.orElseThrow().outcome().entry().json());
    assertEquals(102L, third.outcome().entry().version(), "a refused write takes no version");
  }

  @Test
  void aVersionTheDatabaseFailsToGiveFailsTheWholeGroup() {
    RuntimeException lost = new IllegalStateException("database lost");
    Write write = increment(T);

    RuntimeException thrown =
        assertThrows(
            RuntimeException.class,
            () ->
                Write.applyInOrder(
                    KEY,
                    ABSENT,
                    List.of(write),
                    () -> {
                      throw lost;
                    }));

    assertSame(lost, thrown);
  }

  /** A SET of {@code json} if the key is at {@code version} (If-Match). */
  private static Write ifVersion(long version, String json) {
    return Write.of(
        T,
        current -> {
          if (current.map(Entry::version).orElse(0L) != version) {
            throw new PreconditionFailed("not version " + version);
          }
        },
        current -> new Change.Replacement(json, Optional.empty()));
  }

  @Test
  void aConditionIsCheckedAgainstTheEntryTheWriteBeforeItLeft() {
    Write first = increment(T);
    Write ifFirst = ifVersion(101, "\"second\"");
    Write ifFirstAgain = ifVersion(101, "\"third\"");

    apply(live("1", Optional.empty()), first, ifFirst, ifFirstAgain);

    assertEquals("\"second\"", ifFirst.outcome().entry().json());
    assertThrows(PreconditionFailed.class, ifFirstAgain::outcome);
  }

  @Test
  void anEntryThatExpiresBetweenTwoWritesIsAbsentForTheLaterOne() {
    Write before = increment(T);
    Write after = increment(T.plusSeconds(10));

    apply(live("5", Optional.of(T.plusSeconds(5))), before, after);

    assertEquals(List.of("5", "expired"), seen);
    assertFalse(before.outcome().created());
    assertTrue(after.outcome().created());
    assertEquals("1", after.outcome().entry().json());
    assertEquals(Optional.empty(), after.outcome().entry().expiresAt(), "no TTL resurrected");
  }

  @Test
  void aBlindWriteIgnoresWhatIsThereAndNothingWrittenIsNoLastWrite() {
    Write blind = Write.overwrite(T, "\"v\"", Optional.of(T.plusSeconds(60)));
    Write missing =
        Write.of(
            T,
            Condition.NONE,
            current -> new Change.Replacement(current.orNotFound().json(), Optional.empty()));

    assertTrue(blind.isBlind());
    assertFalse(missing.isBlind());
    assertEquals(Optional.empty(), apply(ABSENT, missing));
    assertThrows(KeyNotFound.class, missing::outcome);

    apply(live("1", Optional.empty()), blind);
    assertEquals("\"v\"", blind.outcome().entry().json());
    assertEquals(Optional.of(T.plusSeconds(60)), blind.outcome().entry().expiresAt());
    assertEquals("\"v\"", blind.blindEntry(KEY, 5).json());
  }
}
