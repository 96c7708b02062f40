package dev.kvstore.entries.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kvstore.entries.entity.Entry;
import dev.kvstore.metrics.ServerMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
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

  /** A store that keeps committed entries in a map and applies groups as the real one does. */
  private final class FakeStore extends EntryStore {
    private final Map<String, Entry> rows = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();

    @Override
    public void apply(String key, List<Write> group) {
      groups.add(List.copyOf(group));
      if (gated.contains(key)) {
        commits.acquireUninterruptibly();
      }
      Current found = new Current(Optional.ofNullable(rows.get(key)), false);
      Optional<Write> last = Write.applyInOrder(key, found, group, versions::incrementAndGet);
      if (failing.contains(key)) {
        throw lost;
      }
      last.ifPresent(write -> rows.put(key, write.outcome().entry()));
    }
  }

  @BeforeEach
  void wire() {
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

  private static CompletionException assertThrowsCompletion(CompletableFuture<Written> write) {
    try {
      write.join();
    } catch (CompletionException e) {
      return e;
    }
    throw new AssertionError("the write succeeded: " + write.join());
  }
}
