package dev.kvstore.storage;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import jakarta.transaction.SystemException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.transaction.xa.XAException;

/** What a failure from the database means, by its SQLState, on Derby and PostgreSQL alike. */
public final class SqlErrors {

  /** Unique-key violation. */
  private static final String DUPLICATE_KEY = "23505";

  /** Derby lock timeout and deadlock, PostgreSQL lock not available, serialization and deadlock. */
  private static final Set<String> LOCK_STATES =
      Set.of("40XL1", "40XL2", "40001", "55P03", "40P01");

  /** The SQLState class of a connection that failed or could not be opened. */
  private static final String CONNECTION_EXCEPTION = "08";

  private SqlErrors() {}

  /** Whether the statement failed only because its key already exists. */
  public static boolean isDuplicateKey(SQLException e) {
    return Stream.iterate(e, c -> c != null, SQLException::getNextException)
        .limit(32)
        .anyMatch(c -> DUPLICATE_KEY.equals(c.getSQLState()));
  }

  /**
   * Whether a lock could not be had in time: the same request may well succeed when retried. A lost
   * connection is not, even where the persistence provider reports it as a failed lock.
   */
  public static boolean isLockTimeout(Throwable e) {
    Optional<String> state = sqlCause(e).map(SQLException::getSQLState);
    if (state.filter(s -> s.startsWith(CONNECTION_EXCEPTION)).isPresent()) {
      return false;
    }
    return causes(e)
            .anyMatch(
                c -> c instanceof LockTimeoutException || c instanceof PessimisticLockException)
        || state.filter(LOCK_STATES::contains).isPresent();
  }

  /**
   * Whether the failure came from the database at all, a commit it did not confirm included (the
   * transaction manager's SystemException or XAException, which do not carry the SQLException).
   */
  public static boolean isDatabaseFailure(Throwable e) {
    return causes(e)
        .anyMatch(
            c ->
                c instanceof SQLException
                    || c instanceof PersistenceException
                    || c instanceof SystemException
                    || c instanceof XAException);
  }

  /** One line for the log: the SQLState and the database's message, never the statement. */
  public static String describe(Throwable e) {
    return sqlCause(e)
        .map(s -> "SQLState " + s.getSQLState() + ": " + s.getMessage())
        .orElse(e.getClass().getSimpleName());
  }

  private static Optional<SQLException> sqlCause(Throwable e) {
    return causes(e)
        .filter(SQLException.class::isInstance)
        .map(SQLException.class::cast)
        .findFirst();
  }

  private static Stream<Throwable> causes(Throwable e) {
    return Stream.iterate(e, c -> c != null, Throwable::getCause).limit(32);
  }
}
