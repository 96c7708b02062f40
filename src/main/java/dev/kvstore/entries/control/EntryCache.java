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
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.Collection;
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
 * never cached after it. Marks and cached entries of one key change atomically ({@link
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

  private record Writing(int transactions) implements Slot {}

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
      keep(key, completed, loaded.copy());
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
   */
  public void writing(Collection<String> keys) {
    if (!enabled || keys.isEmpty()) {
      return;
    }
    for (String key : keys) {
      slots.compute(key, (k, slot) -> mark(slot));
    }
    List<String> marked = List.copyOf(keys);
    AfterCompletion.run(transactions, () -> marked.forEach(this::written));
  }

  void writing(String key) {
    writing(List.of(key));
  }

  private Slot mark(Slot slot) {
    if (slot instanceof Writing writing) {
      return new Writing(writing.transactions() + 1);
    }
    if (slot instanceof Cached cached) {
      bytes.addAndGet(-cached.bytes());
    }
    return new Writing(1);
  }

  private void written(String key) {
    completedWrites.incrementAndGet(stripe(key));
    slots.computeIfPresent(
        key,
        (k, slot) ->
            slot instanceof Writing writing && writing.transactions() > 1
                ? new Writing(writing.transactions() - 1)
                : null);
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
    long size = OVERHEAD_BYTES + key.length() + entry.json().length();
    if (size > maxBytes / 16) {
      return; // one value never takes much of the cache
    }
    slots.compute(
        key,
        (k, slot) -> {
          if (slot != null || completedWrites.get(stripe(key)) != completed) {
            return slot;
          }
          bytes.addAndGet(size);
          return new Cached(entry, size);
        });
    if (bytes.get() > maxBytes) {
      evict();
    }
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
