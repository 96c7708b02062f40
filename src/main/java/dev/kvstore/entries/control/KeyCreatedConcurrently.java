package dev.kvstore.entries.control;

import jakarta.ejb.ApplicationException;

/**
 * Another transaction created the same key between our look-up and our insert.
 *
 * <p>The insert failed on the primary key, so this transaction is rolled back; the write is then
 * retried, finds the row and locks it.
 */
@ApplicationException(rollback = true)
class KeyCreatedConcurrently extends RuntimeException {

  private static final long serialVersionUID = 1L;

  KeyCreatedConcurrently() {
    super("key created concurrently", null, false, false);
  }
}
