package dev.kvstore.entries.control;

import java.time.Instant;
import java.util.Optional;

/**
 * A write as a function of what it finds: SET, counters, TTL changes and patches are all one
 * read-modify-write under the key's row lock ({@link EntryStore#update}).
 */
@FunctionalInterface
public interface Change {

  /**
   * The value and expiry the key is to have, given what is there now; throws to refuse (nothing is
   * written).
   */
  Replacement apply(Current current);

  /**
   * @param json the new value as compact JSON text
   * @param expiresAt the new expiry, empty for none
   */
  record Replacement(String json, Optional<Instant> expiresAt) {}
}
