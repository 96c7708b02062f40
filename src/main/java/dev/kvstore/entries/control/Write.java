package dev.kvstore.entries.control;

import dev.kvstore.entries.entity.Entry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One client's write of one key — its {@code now}, precondition and change — and, once applied,
 * what came of it: the entry written, or why nothing was. Several writes of one key may be applied
 * in one transaction, one after the other ({@link KeyWrites}, E12).
 */
public final class Write {

  private final Instant now;
  private final Condition condition;
  private final Change change;

  /** A blind write's value and expiry, whatever is there; null for a read-modify-write. */
  private final Change.Replacement blind;

  private Written written;
  private RuntimeException failure;

  private Write(Instant now, Condition condition, Change change, Change.Replacement blind) {
    this.now = now;
    this.condition = condition;
    this.change = change;
    this.blind = blind;
  }

  /** A read-modify-write: {@code change} of the live entry, if {@code condition} holds. */
  public static Write of(Instant now, Condition condition, Change change) {
    return new Write(now, condition, change, null);
  }

  /** A SET that depends on nothing there: no condition, this value and this expiry (E10). */
  public static Write overwrite(Instant now, String json, Optional<Instant> expiresAt) {
    Change.Replacement replacement = new Change.Replacement(json, expiresAt);
    return new Write(now, Condition.NONE, current -> replacement, replacement);
  }

  Instant now() {
    return now;
  }

  /** Whether the write depends on nothing there, so that one UPDATE of a live row may do it. */
  boolean isBlind() {
    return blind != null;
  }

  /** The entry a blind write makes of the key, with this version. */
  Entry blindEntry(String key, long version) {
    return Entry.create(key, blind.json(), blind.expiresAt(), version, now);
  }

  /** What the write did, or its failure thrown. */
  public Written outcome() {
    if (failure != null) {
      throw failure;
    }
    return written;
  }

  void done(Written written) {
    this.written = written;
    this.failure = null;
  }

  void failed(RuntimeException failure) {
    this.written = null;
    this.failure = failure;
  }

  /**
   * Applies {@code writes} in their order to what was {@code found} under the key's row lock, each
   * to the entry the one before left: each checks its own condition at its own {@code now} (an
   * entry that has expired by then is absent, E3), gets its own version, and fails alone — a
   * refused or failing change writes nothing and the next one sees what was there before it. A
   * version the database fails to give is thrown: it fails the whole group.
   *
   * @return the last write that wrote something, if any: its entry is what the row must hold
   */
  static Optional<Write> applyInOrder(
      String key, Current found, List<Write> writes, LongSupplier versions) {
    Optional<Entry> live = found.entry();
    boolean expired = found.expired();
    Write last = null;
    for (Write write : writes) {
      if (live.isPresent() && live.get().isExpiredAt(write.now)) {
        live = Optional.empty();
        expired = true;
      }
      Change.Replacement replacement;
      try {
        write.condition.check(live);
        replacement = write.change.apply(new Current(live, expired));
      } catch (RuntimeException e) {
        write.failed(e);
        continue;
      }
      Entry entry =
          Entry.create(
              key, replacement.json(), replacement.expiresAt(), versions.getAsLong(), write.now);
      write.done(new Written(live.isEmpty(), entry));
      live = Optional.of(entry);
      expired = false;
      last = write;
    }
    return Optional.ofNullable(last);
  }
}
