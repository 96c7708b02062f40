package dev.kvstore.keys;

import java.util.Optional;

/**
 * The keys that start with a prefix, as an index range {@code low <= key < high} (L1): the database
 * reads that range of its primary key, never every row.
 *
 * @param low the prefix itself
 * @param high the least string above every key with the prefix; empty when there is none
 */
record KeyRange(String low, Optional<String> high) {

  static KeyRange prefixed(String prefix) {
    StringBuilder high = new StringBuilder(prefix);
    while (high.length() > 0) {
      char last = high.charAt(high.length() - 1);
      high.setLength(high.length() - 1);
      if (last != Character.MAX_VALUE) {
        return new KeyRange(prefix, Optional.of(high.append((char) (last + 1)).toString()));
      }
    }
    return new KeyRange(prefix, Optional.empty());
  }

  /**
   * The narrower of the prefix and a glob's literal prefix, when one extends the other; empty when
   * no key can have both.
   */
  static Optional<String> narrowest(String prefix, String globPrefix) {
    if (globPrefix.startsWith(prefix)) {
      return Optional.of(globPrefix);
    }
    return prefix.startsWith(globPrefix) ? Optional.of(prefix) : Optional.empty();
  }
}
