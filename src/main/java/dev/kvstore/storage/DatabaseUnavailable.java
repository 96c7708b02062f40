package dev.kvstore.storage;

import jakarta.ejb.ApplicationException;

/**
 * The database could not do what was asked: a lock wait timed out, a connection was lost. The
 * transaction is rolled back; the cause tells which, and the client is told to retry (503).
 *
 * <p>An application exception, so that the EJB container passes it on instead of logging a stack
 * trace for a condition that is answered, not a bug.
 */
@ApplicationException(rollback = true)
public class DatabaseUnavailable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DatabaseUnavailable(Throwable cause) {
    super(cause.getMessage(), cause, false, false);
  }
}
