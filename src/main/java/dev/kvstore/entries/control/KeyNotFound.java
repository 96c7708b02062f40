package dev.kvstore.entries.control;

import jakarta.ejb.ApplicationException;

/**
 * The key is absent: never written, deleted, or expired.
 *
 * <p>Not a rollback: a read that finds its key expired removes the row (lazy expiry) and that
 * removal commits before the 404 is sent.
 */
@ApplicationException(rollback = false)
public class KeyNotFound extends Refusal {

  private static final long serialVersionUID = 1L;

  private KeyNotFound(boolean expired) {
    super(404, expired ? "Key not found (expired)" : "Key not found");
  }

  /** No row: never written, or deleted. */
  public static KeyNotFound missing() {
    return new KeyNotFound(false);
  }

  /** The row was there but expired; it has been removed. */
  public static KeyNotFound expired() {
    return new KeyNotFound(true);
  }
}
