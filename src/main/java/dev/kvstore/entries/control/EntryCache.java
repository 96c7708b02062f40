package dev.kvstore.entries.control;

import dev.kvstore.entries.entity.Entry;
import dev.kvstore.storage.AfterCompletion;
import dev.kvstore.storage.Database;
import dev.kvstore.storage.DatabaseLost;
import dev.kvstore.storage.Dialect;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The read cache (E11): committed entries kept in memory, so that a read of a key written or read
 * before needs no database — and a GET that finds its key here live ({@link #live}) needs no
 * transaction either, so the resource answers it without calling {@link EntryStore}. Embedded Derby
 * only: every change to its rows is made by this process, through {@link EntryStore} and {@link
 * dev.kvstore.keys.KeyLister}, which announce each key they change. On PostgreSQL other instances
 * change rows too; every read goes to the database there.
 *
 * <p>Reads stay linearizable. A writing transaction marks its keys before it changes them and
 * unmarks them once it has completed; while a key is marked, reads go to the database and nothing
 * is cached for it. A read that found no entry in memory caches what it loaded only if no write of
 * the key (of its stripe of keys) completed since it looked — so a value read before a commit is
 * never cached after it. A key that was cached when a transaction marked it is cached again when
 * that transaction commits, with what it wrote, unless another transaction marked it meanwhile
 * (E17, {@link #writing}). Marks and cached entries of one key change atomically ({@link
 * ConcurrentHashMap#compute}).
 *
 * <p>Memory: about {@code kv.cache.max-bytes} of keys and values as text, an eighth of the heap
 * unless set; beyond it, some cached entries are dropped (not the least recently used: any).
 */
@ApplicationScoped
public class EntryCache {

  private static final int STRIPES = 4096;

  /** A rough cost of one cached entry beyond its text: the objects around it. */
  private static final int OVERHEAD_BYTES = 120;

  private sealed interface Slot permits Cached, Writing {}

  private record Cached(Entry entry, long bytes) implements Slot {}

  /**
   * A key that transactions are writing.
   *
   * @param transactions how many
   * @param wasCached whether the key was cached when the first of them marked it
   * @param shared whether another transaction marked it while one was under way
   */
  private record Writing(int transactions, boolean wasCached, boolean shared) implements Slot {}

  /**
   * The keys one transaction marked ({@link EntryCache#writing}), and what its writes left of them
   * ({@link #wrote}): once it has committed, a key that was cached is cached again with that entry
   * (E17).
   */
  public static final class Marks {

    private final Map<String, Entry> written = new HashMap<>();

    private Marks() {}

    /** The entry a write of the transaction left under its key, for the cache after the commit. */
    public void wrote(Entry entry) {
      written.put(entry.key(), entry);
    }
  }

  private final Map<String, Slot> slots = new ConcurrentHashMap<>();

  /** Per stripe of keys, how many writes have completed. */
  private final AtomicLongArray completedWrites = new AtomicLongArray(STRIPES);

  private final AtomicLong bytes = new AtomicLong();

  private final ReentrantLock eviction = new ReentrantLock();

  /** The part of the heap the cache may hold unless {@code kv.cache.max-bytes} says otherwise. */
  static final int HEAP_SHARE = 8;

  @Inject
  @ConfigProperty(name = "kv.cache.max-bytes")
  Optional<Long> configuredMaxBytes;

  long maxBytes;

  @Inject Database database;

  @Resource TransactionSynchronizationRegistry transactions;

  boolean enabled;

  @PostConstruct
  void decide() {
    maxBytes = maxBytes(configuredMaxBytes, Runtime.getRuntime().maxMemory());
    enabled = maxBytes > 0 && database.dialect() == Dialect.DERBY;
    if (enabled) {
      // Once Payara shuts down (the SIGTERM grace period) it loads no more classes, and a read
      // that needed one would fail: the read path runs once now, so its classes are loaded.
      keep("", 0, Entry.create("", "null", Optional.empty(), 0, Instant.EPOCH));
      forget(new DatabaseLost());
    }
  }

  /** The setting if given, else {@link #HEAP_SHARE} of a heap of at most {@code maxHeap} bytes. */
  static long maxBytes(Optional<Long> configured, long maxHeap) {
    return configured.orElse(maxHeap / HEAP_SHARE);
  }

  /**
   * The committed entry of {@code key} from memory, else {@code load}ed (inside the caller's
   * transaction) and kept when that is safe. The entry returned from memory is shared: read only.
   */
  Entry read(String key, Function<String, Entry> load) {
    if (!enabled) {
      return load.apply(key);
    }
    Slot slot = slots.get(key);
    if (slot instanceof Cached cached) {
      return cached.entry();
    }
    long completed = completedWrites.get(stripe(key));
    Entry loaded = load.apply(key);
    if (slot == null && loaded != null) {
      keep(key, completed, loaded);
    }
    return loaded;
  }

  /**
   * The committed entry of {@code key} when memory holds it and it is live at {@code now}: a read
   * that needs neither the database nor a transaction. Empty otherwise — the caller then reads
   * through {@link EntryStore#get}, which also removes an expired entry (E5). Read only.
   */
  public Optional<Entry> live(String key, Instant now) {
    return enabled && slots.get(key) instanceof Cached cached && !cached.entry().isExpiredAt(now)
        ? Optional.of(cached.entry())
        : Optional.empty();
  }

  /**
   * Marks keys that the caller's transaction is about to change; they are unmarked when it has
   * committed or rolled back. Called before the change, inside the transaction.
   *
   * <p>E17: a key that was cached when it was marked is cached again after the commit with the
   * entry the transaction reported ({@link Marks#wrote}), if no other transaction marked it
   * meanwhile: then no other write of it can have committed since, and the entry is the committed
   * one. A GET after a SET of a key that is read stays a cache hit; keys that are only written do
   * not fill the cache.
   */
  public Marks writing(Collection<String> keys) {
    Marks marks = new Marks();
    if (!enabled || keys.isEmpty()) {
      return marks;
    }
    for (String key : keys) {
      slots.compute(key, (k, slot) -> mark(slot));
    }
    List<String> marked = List.copyOf(keys);
    AfterCompletion.run(
        transactions,
        status ->
            marked.forEach(
                key ->
                    written(
                        key, status == Status.STATUS_COMMITTED ? marks.written.get(key) : null)));
    return marks;
  }

  Marks writing(String key) {
    return writing(List.of(key));
  }

  private Slot mark(Slot slot) {
    if (slot instanceof Writing writing) {
      return new Writing(writing.transactions() + 1, writing.wasCached(), true);
    }
    if (slot instanceof Cached cached) {
      bytes.addAndGet(-cached.bytes());
      return new Writing(1, true, false);
    }
    return new Writing(1, false, false);
  }

  /**
   * A transaction that marked {@code key} has ended; {@code entry}: what it committed, if known.
   */
  private void written(String key, Entry entry) {
    completedWrites.incrementAndGet(stripe(key));
    slots.computeIfPresent(
        key,
        (k, slot) -> {
          if (!(slot instanceof Writing writing)) {
            return slot;
          }
          if (writing.transactions() > 1) {
            return new Writing(writing.transactions() - 1, writing.wasCached(), true);
          }
          return entry != null && writing.wasCached() && !writing.shared() ? cached(entry) : null;
        });
    if (bytes.get() > maxBytes) {
      evict();
    }
  }

  /** S14: drops every cached entry (marks stay, their writes are still under way). */
  void forget(@Observes DatabaseLost lost) {
    for (var slot : slots.entrySet()) {
      if (slot.getValue() instanceof Cached cached && slots.remove(slot.getKey(), cached)) {
        bytes.addAndGet(-cached.bytes());
      }
    }
  }

  private void keep(String key, long completed, Entry entry) {
    slots.compute(
        key,
        (k, slot) ->
            slot != null || completedWrites.get(stripe(key)) != completed ? slot : cached(entry));
    if (bytes.get() > maxBytes) {
      evict();
    }
  }

  /** The entry as a slot, counted in the cache's bytes; none when it is too large to keep. */
  private Cached cached(Entry entry) {
    long size = OVERHEAD_BYTES + entry.key().length() + entry.json().length();
    if (size > maxBytes / 16) {
      return null; // one value never takes much of the cache
    }
    bytes.addAndGet(size);
    return new Cached(entry.copy(), size);
  }

  /** Drops cached entries (never a mark) until a tenth of the room is free again. */
  private void evict() {
    if (!eviction.tryLock()) {
      return;
    }
    try {
      long target = maxBytes - maxBytes / 10;
      for (var slot : slots.entrySet()) {
        if (bytes.get() <= target) {
          break;
        }
        if (slot.getValue() instanceof Cached cached && slots.remove(slot.getKey(), cached)) {
          bytes.addAndGet(-cached.bytes());
        }
      }
    } finally {
      eviction.unlock();
    }
  }

  private static int stripe(String key) {
    return (key.hashCode() & 0x7fffffff) % STRIPES;
  }
}
