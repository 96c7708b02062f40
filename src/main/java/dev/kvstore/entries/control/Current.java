package dev.kvstore.entries.control;

import dev.kvstore.entries.entity.Entry;
import java.time.Instant;
import java.util.Optional;

/**
 * What a write found under its row lock: the live entry, or none (E3: an expired entry is none).
 *
 * @param entry the live entry, locked for this transaction
 * @param expired whether an expired row was found (and removed) in its place
 */
public record Current(Optional<Entry> entry, boolean expired) {

  /** The live entry, or the 404 that says why there is none. */
  public Entry orNotFound() {
    return entry.orElseThrow(() -> expired ? KeyNotFound.expired() : KeyNotFound.missing());
  }

  /** The live entry's expiry; none without an entry. */
  public Optional<Instant> expiresAt() {
    return entry.flatMap(Entry::expiresAt);
  }
}
