package dev.kvstore.entries.control;

import dev.kvstore.metrics.ServerMetrics;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-key writes of clients (SET, PATCH, counters, TTL changes), grouped per key (E12). The
 * first write of a key leads: it applies its write in a transaction of its own. Writes of the same
 * key that arrive meanwhile queue; when the leader's transaction has committed, the oldest of them
 * leads the next group — all of them, in arrival order, in one transaction: one row lock, one
 * statement, one commit for the group instead of one each ({@link EntryStore#apply}).
 *
 * <p>Every write is answered only after the transaction that applied it has committed, so nothing
 * is acknowledged before it is durable; each write of a group acts on what the one before it left,
 * so the answers are those of one serial order of the writes, which overlapped in time (per-key
 * linearizable). A write refused by its condition or its change fails alone. A group that fails as
 * a whole — a lost database, a lock timeout — fails the writes queued behind it too: they would
 * have waited for the same database once more.
 *
 * <p>Called outside any transaction (from the resources); a batch's ops go to {@link EntryStore}
 * directly, in the batch's transaction. Each caller's role and key were checked ({@code Access})
 * before its write was queued.
 */
@ApplicationScoped
public class KeyWrites {

  /** At most this many writes in one transaction; more wait for the next. */
  static final int MAX_GROUP = 100;

  /** A queued write learns from this that it was applied. */
  private static final List<Queued> SETTLED = List.of();

  /** One client's write and the turn it waits for: {@link #SETTLED}, or the group it is to lead. */
  private record Queued(Write write, CompletableFuture<List<Queued>> turn) {
    Queued(Write write) {
      this(write, new CompletableFuture<>());
    }
  }

  /** Per key with a group under way: the writes queued behind it, oldest first. */
  private final Map<String, ArrayDeque<Queued>> lines = new ConcurrentHashMap<>();

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

  private Written submit(String key, Write write) {
    Queued mine = new Queued(write);
    boolean[] leads = {false};
    lines.compute(
        key,
        (k, line) -> {
          if (line == null) {
            leads[0] = true;
            return new ArrayDeque<>();
          }
          line.add(mine);
          return line;
        });
    List<Queued> group = leads[0] ? List.of(mine) : mine.turn().join();
    if (group != SETTLED) {
      lead(key, group);
    }
    return write.outcome();
  }

  /** Applies the group in one transaction, then {@link #handOver hands the key over}. */
  private void lead(String key, List<Queued> group) {
    RuntimeException failure = null;
    try {
      store.apply(key, group.stream().map(Queued::write).toList());
    } catch (RuntimeException e) {
      failure = e;
    } catch (Error e) {
      handOver(key, group, new IllegalStateException("The writes were not applied.", e));
      throw e;
    }
    handOver(key, group, failure);
    if (failure == null) {
      metrics.writesApplied(group.size());
    }
  }

  /**
   * After a group: hands the key to the oldest write queued behind it, with the writes it is to
   * lead — or, after a failure, fails them all with the group — and answers the group's other
   * writes (the leader answers itself).
   */
  private void handOver(String key, List<Queued> group, RuntimeException failure) {
    List<Queued> behind = next(key, failure != null);
    if (failure != null) {
      group.forEach(queued -> queued.write().failed(failure));
      behind.forEach(queued -> queued.write().failed(failure));
      settle(behind);
    } else if (!behind.isEmpty()) {
      behind.get(0).turn().complete(behind);
    }
    settle(group.subList(1, group.size()));
  }

  /**
   * The writes queued behind a group that has ended: the next group (at most {@link #MAX_GROUP}),
   * or after a failure all of them; the key's line ends when none are left, or after a failure.
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
