package dev.kvstore.entries.control;

import dev.kvstore.entries.entity.Entry;
import java.util.Optional;

/**
 * A precondition on the live entry, checked under its row lock before a write (HTTP {@code
 * If-Match} / {@code If-None-Match}, or a batch's {@code if_version}); throws {@link
 * PreconditionFailed} to refuse.
 */
@FunctionalInterface
public interface Condition {

  /** No precondition. */
  Condition NONE = current -> {};

  void check(Optional<Entry> current);
}
