package dev.kvstore.entries.control;

import dev.kvstore.metrics.ServerMetrics;
import dev.kvstore.storage.SqlErrors;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The single-key writes of clients (SET, PATCH, counters, TTL changes), grouped per key (E12) and
 * committed together across keys (E14).
 *
 * <p>Per key: the first write of a key starts a group. Writes of the same key that arrive while
 * that group is under way queue; when it has committed, they form the key's next group — all of
 * them, in arrival order: one row lock, one statement for the group instead of one each ({@link
 * EntryStore#apply}).
 *
 * <p>Across keys: at most {@link #MAX_TRANSACTIONS} transactions of these writes run at once. A
 * group that finds them all under way waits; when one ends, the groups that waited meanwhile — of
 * as many keys as arrived — go in the next transaction together, each key's as above, in key order
 * ({@link EntryStore#applyAll}): one EJB call, connection handle and commit (one log force) for
 * them all. The first write of the first group leads it: its thread calls the store; the others'
 * threads wait for the outcome. A transaction under way for longer than {@link #STALLED} — waiting
 * for a lock that a long batch or another instance holds — no longer counts: the next write to
 * arrive starts a transaction beside it, with the groups that were waiting.
 *
 * <p>Every write is answered only after the transaction that applied it has committed, so nothing
 * is acknowledged before it is durable; each write of a key's group acts on what the one before it
 * left, so the answers are those of one serial order of the writes, which overlapped in time
 * (per-key linearizable). A write refused by its condition or its change fails alone. A transaction
 * of several keys that timed out on a lock or deadlocked was rolled back: each of its groups is
 * tried again alone, so that one contended key does not fail the others. A group that fails
 * otherwise — a lost database — fails with its transaction, and the writes queued behind it fail
 * too: they would have waited for the same database once more.
 *
 * <p>Called outside any transaction (from the resources); a batch's ops go to {@link EntryStore}
 * directly, in the batch's transaction. Each caller's role and key were checked ({@code Access})
 * before its write was queued.
 */
@ApplicationScoped
public class KeyWrites {

  /** At most this many writes in one transaction; more wait for the next. */
  static final int MAX_GROUP = 100;

  /**
   * At most this many transactions of clients' writes at once; more groups wait to join one. Two:
   * one commits while the next gathers (SET over 1,000 keys: 2026-11-29-12.md).
   */
  static final int MAX_TRANSACTIONS = 2;

  /** A transaction under way for longer than this no longer holds others back. */
  static final Duration STALLED = Duration.ofMillis(100);

  /** A queued write learns from this that it was applied. */
  private static final Transaction SETTLED = new Transaction(List.of(), 0);

  /**
   * One client's write and the turn it waits for: {@link #SETTLED}, or the transaction it is to
   * lead.
   */
  private record Queued(Write write, CompletableFuture<Transaction> turn) {
    Queued(Write write) {
      this(write, new CompletableFuture<>());
    }
  }

  /** The writes of one key that go in one transaction, oldest first. */
  private record Group(String key, List<Queued> writes) {
    List<Write> toWrites() {
      return writes.stream().map(Queued::write).toList();
    }
  }

  /**
   * The groups of one transaction (its leader: the first write of the first) and its start. A
   * class, not a record: {@link #running} finds and removes a transaction by identity.
   */
  private static final class Transaction {
    final List<Group> groups;
    final long started;

    Transaction(List<Group> groups, long started) {
      this.groups = groups;
      this.started = started;
    }
  }

  /** Per key with a group under way or waiting: the writes queued behind it, oldest first. */
  private final Map<String, ArrayDeque<Queued>> lines = new ConcurrentHashMap<>();

  /** Groups waiting for a transaction, oldest first; guarded by {@code this}. */
  private final ArrayDeque<Group> waiting = new ArrayDeque<>();

  /** Transactions under way; guarded by {@code this}. */
  private final List<Transaction> running = new ArrayList<>();

  /** Nanoseconds, for {@link #STALLED}. */
  LongSupplier ticker = System::nanoTime;

  @EJB EntryStore store;

  @Inject ServerMetrics metrics;

  /** A read-modify-write of the key; see {@link EntryStore#update}. */
  public Written update(String key, Instant now, Condition condition, Change change) {
    return submit(key, Write.of(now, condition, change));
  }

  /** A SET that depends on nothing there (no condition, no {@code keep_ttl}). */
  public Written overwrite(String key, Instant now, String json, Optional<Instant> expiresAt) {
    return submit(key, Write.overwrite(now, json, expiresAt));
  }

  /** How many writes wait behind the group under way for {@code key}. */
  int queued(String key) {
    int[] queued = {0};
    lines.computeIfPresent(
        key,
        (k, line) -> {
          queued[0] = line.size();
          return line;
        });
    return queued[0];
  }

  /** Whether any key has a group under way. */
  boolean idle() {
    return lines.isEmpty();
  }

  /** How many groups wait for a transaction. */
  synchronized int waiting() {
    return waiting.size();
  }

  private Written submit(String key, Write write) {
    Queued mine = new Queued(write);
    boolean[] starts = {false};
    lines.compute(
        key,
        (k, line) -> {
          if (line == null) {
            starts[0] = true;
            return new ArrayDeque<>();
          }
          line.add(mine);
          return line;
        });
    Transaction transaction = starts[0] ? admit(new Group(key, List.of(mine))) : null;
    if (transaction == null) {
      transaction = mine.turn().join();
    }
    if (transaction != SETTLED) {
      lead(transaction);
    }
    return write.outcome();
  }

  /**
   * A key's first group: the transaction its thread is to lead now, if there is room for one — the
   * group first, with the waiting ones that fit — or null: it waits.
   */
  private synchronized Transaction admit(Group group) {
    if (full()) {
      waiting.add(group);
      return null;
    }
    return start(group);
  }

  /** Whether {@link #MAX_TRANSACTIONS} are under way that began less than {@link #STALLED} ago. */
  private boolean full() {
    long now = ticker.getAsLong();
    return running.stream().filter(t -> now - t.started < STALLED.toNanos()).count()
        >= MAX_TRANSACTIONS;
  }

  /**
   * A transaction of {@code first} and the oldest waiting groups, up to {@link #MAX_GROUP} writes
   * in all; its leader is the first write of {@code first}.
   */
  private Transaction start(Group first) {
    List<Group> groups = new ArrayList<>(List.of(first));
    int writes = first.writes().size();
    while (!waiting.isEmpty() && writes + waiting.peek().writes().size() <= MAX_GROUP) {
      writes += waiting.peek().writes().size();
      groups.add(waiting.poll());
    }
    Transaction transaction = new Transaction(groups, ticker.getAsLong());
    running.add(transaction);
    return transaction;
  }

  /**
   * Applies the transaction's groups, hands each key over to the writes queued behind it and lets
   * the waiting groups into the transaction that ends here; answers the transaction's other writes
   * (its leader answers itself).
   */
  private void lead(Transaction transaction) {
    Map<Group, RuntimeException> failures;
    try {
      failures = apply(transaction.groups);
    } catch (Error e) {
      RuntimeException failure = new IllegalStateException("The writes were not applied.", e);
      end(transaction, group -> failure);
      throw e;
    }
    end(transaction, failures::get);
    int applied =
        transaction.groups.stream()
            .filter(group -> !failures.containsKey(group))
            .mapToInt(group -> group.writes().size())
            .sum();
    if (applied > 0) {
      metrics.writesApplied(applied);
    }
  }

  /**
   * Each group's failure, if any: the transaction's, or after a lock timeout or deadlock of several
   * groups, each group's own, tried again alone.
   */
  private Map<Group, RuntimeException> apply(List<Group> transaction) {
    Map<Group, RuntimeException> failures = new IdentityHashMap<>();
    try {
      store.applyAll(byKey(transaction));
    } catch (RuntimeException e) {
      if (transaction.size() == 1 || !SqlErrors.isLockTimeout(e)) {
        transaction.forEach(group -> failures.put(group, e));
        return failures;
      }
      for (Group group : transaction) {
        try {
          store.applyAll(byKey(List.of(group)));
        } catch (RuntimeException alone) {
          failures.put(group, alone);
        }
      }
    }
    return failures;
  }

  private static SortedMap<String, List<Write>> byKey(List<Group> transaction) {
    SortedMap<String, List<Write>> writes = new TreeMap<>();
    transaction.forEach(group -> writes.put(group.key(), group.toWrites()));
    return writes;
  }

  /**
   * After a transaction: fails the writes of each failed group and of the writes queued behind it;
   * queues each other key's next group; starts the transactions there is now room for, each led by
   * the first write of its first group; answers the transaction's writes but its leader's.
   */
  private void end(Transaction transaction, Function<Group, RuntimeException> failureOf) {
    List<Group> next = new ArrayList<>();
    for (Group group : transaction.groups) {
      RuntimeException failure = failureOf.apply(group);
      List<Queued> behind = next(group.key(), failure != null);
      if (failure != null) {
        group.writes().forEach(queued -> queued.write().failed(failure));
        behind.forEach(queued -> queued.write().failed(failure));
        settle(behind);
      } else if (!behind.isEmpty()) {
        next.add(new Group(group.key(), behind));
      }
    }
    for (Transaction started : startAfter(transaction, next)) {
      started.groups.get(0).writes().get(0).turn().complete(started);
    }
    List<Queued> answered = new ArrayList<>();
    transaction.groups.forEach(group -> answered.addAll(group.writes()));
    settle(answered.subList(1, answered.size()));
  }

  /** Ends {@code ended}, queues {@code next} and starts as many as there is room for. */
  private synchronized List<Transaction> startAfter(Transaction ended, List<Group> next) {
    running.remove(ended);
    waiting.addAll(next);
    List<Transaction> started = new ArrayList<>();
    while (!waiting.isEmpty() && !full()) {
      started.add(start(waiting.poll()));
    }
    return started;
  }

  /**
   * The writes queued behind a key's group that has ended: the key's next group (at most {@link
   * #MAX_GROUP}), or after a failure all of them; the key's line ends when none are left, or after
   * a failure.
   */
  private List<Queued> next(String key, boolean failed) {
    List<Queued> next = new ArrayList<>();
    lines.compute(
        key,
        (k, line) -> {
          while (!line.isEmpty() && (failed || next.size() < MAX_GROUP)) {
            next.add(line.poll());
          }
          return failed || next.isEmpty() ? null : line;
        });
    return next;
  }

  private static void settle(List<Queued> writes) {
    writes.forEach(queued -> queued.turn().complete(SETTLED));
  }
}
