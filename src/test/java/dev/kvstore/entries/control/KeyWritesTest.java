package dev.kvstore.entries.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kvstore.entries.entity.Entry;
import dev.kvstore.metrics.ServerMetrics;
import dev.kvstore.storage.DatabaseUnavailable;
import jakarta.persistence.LockTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** E12: writes of one key queue while one is under way, and are applied together after it. */
class KeyWritesTest {

  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  private final KeyWrites writes = new KeyWrites();
  private final ExecutorService clients = Executors.newCachedThreadPool();

  /** The store's transactions: the groups it was given, in order, and the sizes it committed. */
  private final List<List<Write>> groups = Collections.synchronizedList(new ArrayList<>());

  private final List<Integer> committed = Collections.synchronizedList(new ArrayList<>());

  /** Transactions of these keys wait for a permit before they commit. */
  private final Set<String> gated = ConcurrentHashMap.newKeySet();

  private final Semaphore commits = new Semaphore(0);

  /** Transactions of these keys fail instead of committing. */
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  private final RuntimeException lost = new IllegalStateException("database lost");

  /** Transactions of these keys time out on a lock instead of committing. */
  private final Set<String> contended = ConcurrentHashMap.newKeySet();

  private final RuntimeException lockTimeout =
      new DatabaseUnavailable(new LockTimeoutException("lock wait timed out"));

  /** The keys of each transaction the store was given, in the order it applied them. */
  private final List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());

  /**
   * A store that keeps committed entries in a map and applies groups as the real one does: all the
   * groups of a transaction, or none.
   */
  private final class FakeStore extends EntryStore {
    private final Map<String, Entry> rows = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();

    @Override
    public void applyAll(SortedMap<String, List<Write>> writes) {
      transactions.add(List.copyOf(writes.keySet()));
      Map<String, Entry> written = new HashMap<>();
      writes.forEach((key, group) -> written.putAll(applied(key, group)));
      rows.putAll(written);
    }

    private Map<String, Entry> applied(String key, List<Write> group) {
      groups.add(List.copyOf(group));
      if (gated.contains(key)) {
        commits.acquireUninterruptibly();
      }
      Current found = new Current(Optional.ofNullable(rows.get(key)), false);
      Optional<Write> last = Write.applyInOrder(key, found, group, versions::incrementAndGet);
      if (failing.contains(key)) {
        throw lost;
      }
      if (contended.contains(key)) {
        throw lockTimeout;
      }
      return last.map(write -> Map.of(key, write.outcome().entry())).orElse(Map.of());
    }
  }

  /** The ticker of {@link KeyWrites#STALLED}, moved by the tests alone. */
  private final AtomicLong nanos = new AtomicLong();

  @BeforeEach
  void wire() {
    writes.ticker = nanos::get;
    writes.store = new FakeStore();
    writes.metrics =
        new ServerMetrics() {
          @Override
          public void writesApplied(int count) {
            committed.add(count);
          }
        };
  }

  @AfterEach
  void stop() {
    clients.shutdownNow();
  }

  private CompletableFuture<Written> increment(String key) {
    return CompletableFuture.supplyAsync(
        () ->
            writes.update(
                key,
                NOW,
                Condition.NONE,
                current -> {
                  long value = current.entry().map(e -> Long.parseLong(e.json())).orElse(0L);
                  return new Change.Replacement(Long.toString(value + 1), Optional.empty());
                }),
        clients);
  }

  /** Waits (bounded) until the condition holds: the threads it waits for run on their own. */
  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting");
      }
      Thread.onSpinWait();
    }
  }

  /** Starts increments of {@code key} one at a time, each after the one before has queued. */
  private List<CompletableFuture<Written>> queueIncrements(String key, int count) {
    List<CompletableFuture<Written>> queued = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      queued.add(increment(key));
      int expected = i;
      await(() -> writes.queued(key) == expected);
    }
    return queued;
  }

  private static long value(CompletableFuture<Written> write) {
    return Long.parseLong(write.join().entry().json());
  }

  @Test
  void writesQueuedBehindOneUnderWayAreAppliedTogetherInArrivalOrderAfterIt() {
    gated.add("k");
    CompletableFuture<Written> leader = increment("k");
    await(() -> groups.size() == 1);
    List<CompletableFuture<Written>> queued = queueIncrements("k", 3);

    commits.release();
    assertEquals(1, value(leader));
    await(() -> groups.size() == 2);
    assertTrue(queued.stream().noneMatch(CompletableFuture::isDone), "answered before commit");
    commits.release();

    assertEquals(List.of(2L, 3L, 4L), queued.stream().map(KeyWritesTest::value).toList());
    assertTrue(leader.join().created());
    assertTrue(queued.stream().noneMatch(write -> write.join().created()));
    assertEquals(List.of(1, 3), committed.stream().sorted().toList());
    assertTrue(writes.idle(), "no key is left behind");
  }

  @Test
  void aRefusedWriteFailsAloneInItsGroup() {
    gated.add("k");
    CompletableFuture<Written> leader = increment("k");
    await(() -> groups.size() == 1);
    CompletableFuture<Written> before = queueIncrements("k", 1).get(0);
    CompletableFuture<Written> refused =
        CompletableFuture.supplyAsync(
            () ->
                writes.update(
                    "k",
                    NOW,
                    current -> {
                      throw new PreconditionFailed("no");
                    },
                    current -> new Change.Replacement("0", Optional.empty())),
            clients);
    await(() -> writes.queued("k") == 2);
    CompletableFuture<Written> after = increment("k");
    await(() -> writes.queued("k") == 3);

    commits.release(2);

    assertEquals(1, value(leader));
    assertEquals(2, value(before));
    CompletionException thrown = assertThrowsCompletion(refused);
    assertTrue(thrown.getCause() instanceof PreconditionFailed, thrown.toString());
    assertEquals(3, value(after));
    assertEquals(List.of(1, 3), committed.stream().sorted().toList());
  }

  @Test
  void aGroupThatFailsFailsItsWritesAndThoseQueuedBehindItAndTheNextWriteStartsAfresh() {
    gated.add("k");
    failing.add("k");
    CompletableFuture<Written> leader = increment("k");
    await(() -> groups.size() == 1);
    List<CompletableFuture<Written>> queued = queueIncrements("k", 2);

    commits.release();

    assertSame(lost, assertThrowsCompletion(leader).getCause());
    for (CompletableFuture<Written> write : queued) {
      assertSame(lost, assertThrowsCompletion(write).getCause());
    }
    assertEquals(1, groups.size(), "the writes behind the failed group were not tried");
    assertTrue(writes.idle());

    failing.clear();
    commits.release();
    assertEquals(1, value(increment("k")));
    assertEquals(List.of(1), committed);
  }

  @Test
  void aGroupHoldsAtMostMaxGroupWrites() {
    gated.add("k");
    CompletableFuture<Written> leader = increment("k");
    await(() -> groups.size() == 1);
    List<CompletableFuture<Written>> queued = queueIncrements("k", KeyWrites.MAX_GROUP + 5);

    commits.release(3);

    assertEquals(1, value(leader));
    assertEquals(
        KeyWrites.MAX_GROUP + 6, queued.stream().mapToLong(KeyWritesTest::value).max().orElse(0));
    assertEquals(List.of(1, KeyWrites.MAX_GROUP, 5), groups.stream().map(List::size).toList());
    assertEquals(List.of(1, 5, KeyWrites.MAX_GROUP), committed.stream().sorted().toList());
    assertTrue(writes.idle());
  }

  @Test
  void writesOfOtherKeysDoNotWait() {
    gated.add("slow");
    CompletableFuture<Written> slow = increment("slow");
    await(() -> groups.size() == 1);

    assertEquals(1, value(increment("fast")));
    assertFalse(slow.isDone());

    commits.release();
    assertEquals(1, value(slow));
  }

  /** Starts a transaction of each of {@link KeyWrites#MAX_TRANSACTIONS} keys, held open. */
  private List<CompletableFuture<Written>> occupyEveryTransaction() {
    List<CompletableFuture<Written>> held = new ArrayList<>();
    for (int i = 0; i < KeyWrites.MAX_TRANSACTIONS; i++) {
      gated.add("held" + i);
      held.add(increment("held" + i));
      int started = i + 1;
      await(() -> transactions.size() == started);
    }
    return held;
  }

  /** Starts an increment of each key, one at a time, each after the one before waits. */
  private List<CompletableFuture<Written>> waitingIncrements(List<String> keys) {
    List<CompletableFuture<Written>> waiting = new ArrayList<>();
    for (String key : keys) {
      waiting.add(increment(key));
      int expected = waiting.size();
      await(() -> writes.waiting() == expected);
    }
    return waiting;
  }

  @Test
  void e14GroupsOfKeysThatWaitForATransactionGoInTheNextOneTogetherInKeyOrder() {
    List<CompletableFuture<Written>> held = occupyEveryTransaction();
    List<CompletableFuture<Written>> waiting = waitingIncrements(List.of("z", "b", "m"));
    assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone));

    commits.release(held.size());

    held.forEach(write -> assertEquals(1, value(write)));
    waiting.forEach(write -> assertEquals(1, value(write)));
    assertEquals(List.of("b", "m", "z"), transactions.get(held.size()));
    assertEquals(held.size() + 1, transactions.size());
    assertEquals(held.size() + 3, committed.stream().mapToInt(Integer::intValue).sum());
    assertTrue(writes.idle());
  }

  @Test
  void e14ATransactionHoldsAtMostMaxGroupWritesOfAllItsKeys() {
    List<CompletableFuture<Written>> held = occupyEveryTransaction();
    List<CompletableFuture<Written>> waiting =
        waitingIncrements(
            IntStream.range(0, KeyWrites.MAX_GROUP + 5).mapToObj(i -> "k" + i).toList());

    commits.release(held.size());

    waiting.forEach(write -> assertEquals(1, value(write)));
    assertEquals(
        List.of(5, KeyWrites.MAX_GROUP),
        transactions.subList(held.size(), transactions.size()).stream()
            .map(List::size)
            .sorted()
            .toList());
  }

  @Test
  void e14ALockTimeoutOfSeveralKeysTriesEachKeyAgainAloneAndFailsOnlyTheContendedOne() {
    List<CompletableFuture<Written>> held = occupyEveryTransaction();
    contended.add("c");
    List<CompletableFuture<Written>> waiting = waitingIncrements(List.of("a", "c", "d"));

    commits.release(held.size());

    assertEquals(1, value(waiting.get(0)));
    assertSame(lockTimeout, assertThrowsCompletion(waiting.get(1)).getCause());
    assertEquals(1, value(waiting.get(2)));
    assertEquals(
        List.of(List.of("a", "c", "d"), List.of("a"), List.of("c"), List.of("d")),
        transactions.subList(held.size(), transactions.size()));
    held.forEach(write -> assertEquals(1, value(write))); // their keys' lines end as they return
    assertTrue(writes.idle());
  }

  @Test
  void e14AnyOtherFailureOfSeveralKeysFailsThemAllWithoutTryingAgain() {
    List<CompletableFuture<Written>> held = occupyEveryTransaction();
    failing.add("c");
    List<CompletableFuture<Written>> waiting = waitingIncrements(List.of("a", "c", "d"));

    commits.release(held.size());

    waiting.forEach(write -> assertSame(lost, assertThrowsCompletion(write).getCause()));
    assertEquals(held.size() + 1, transactions.size(), "nothing tried again");
    failing.clear();
    assertEquals(1, value(increment("a")), "the failed transaction wrote nothing");
    held.forEach(write -> assertEquals(1, value(write)));
    assertTrue(writes.idle());
  }

  @Test
  void e14TransactionsUnderWayForLongerThanStalledHoldNoWriteBack() {
    List<CompletableFuture<Written>> held = occupyEveryTransaction();
    CompletableFuture<Written> waited = waitingIncrements(List.of("w")).get(0);
    nanos.addAndGet(KeyWrites.STALLED.toNanos());

    assertEquals(1, value(increment("x")), "started beside the stalled transactions");
    assertEquals(1, value(waited), "with the group that waited");
    assertEquals(List.of("w", "x"), transactions.get(held.size()));
    assertTrue(held.stream().noneMatch(CompletableFuture::isDone));

    commits.release(held.size());
    held.forEach(write -> assertEquals(1, value(write)));
    assertTrue(writes.idle());
  }

  private static CompletionException assertThrowsCompletion(CompletableFuture<Written> write) {
    try {
      write.join();
    } catch (CompletionException e) {
      return e;
    }
    throw new AssertionError("the write succeeded: " + write.join());
  }
}
