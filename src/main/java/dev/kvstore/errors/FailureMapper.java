package dev.kvstore.errors;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Everything that is not the client's mistake.
 *
 * <p>A lock wait that timed out or a database that cannot be reached is a 503 with {@code
 * Retry-After}: the request changed nothing and may simply be sent again. Anything else is a bug: a
 * 500 whose body names no class, with the stack trace in the server log only.
 */
@Provider
public class FailureMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(FailureMapper.class.getName());

  /** Derby lock timeout and deadlock, PostgreSQL lock not available, serialization and deadlock. */
  private static final Set<String> LOCK_STATES =
      Set.of("40XL1", "40XL2", "40001", "55P03", "40P01");

  private static final String LOCK_RETRY_AFTER_SECONDS = "1";
  private static final String DATABASE_RETRY_AFTER_SECONDS = "5";

  @Override
  public Response toResponse(Throwable e) {
    Optional<SQLException> sql = causes(e).flatMap(only(SQLException.class)).findFirst();
    if (isLockTimeout(e, sql)) {
      LOG.fine(() -> "Lock wait timed out: " + describe(sql));
      return unavailable(
          LOCK_RETRY_AFTER_SECONDS,
          "The key is locked by other requests that did not finish in time; retry.");
    }
    if (sql.isPresent() || causes(e).anyMatch(PersistenceException.class::isInstance)) {
      LOG.warning(() -> "Database failure: " + describe(sql));
      return unavailable(DATABASE_RETRY_AFTER_SECONDS, "The database is unavailable; retry later.");
    }
    LOG.log(Level.SEVERE, "Unexpected failure", e);
    return ErrorBody.response(500, "Internal server error.");
  }

  private static boolean isLockTimeout(Throwable e, Optional<SQLException> sql) {
    return causes(e)
            .anyMatch(
                c -> c instanceof LockTimeoutException || c instanceof PessimisticLockException)
        || sql.map(SQLException::getSQLState).filter(LOCK_STATES::contains).isPresent();
  }

  private static Response unavailable(String retryAfterSeconds, String sentence) {
    return Response.fromResponse(ErrorBody.response(503, sentence))
        .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
        .build();
  }

  private static String describe(Optional<SQLException> sql) {
    return sql.map(s -> "SQLState " + s.getSQLState() + ": " + s.getMessage())
        .orElse("no SQL cause");
  }

  private static Stream<Throwable> causes(Throwable e) {
    return Stream.iterate(e, c -> c != null, Throwable::getCause).limit(32);
  }

  private static <T> java.util.function.Function<Throwable, Stream<T>> only(Class<T> type) {
    return c -> type.isInstance(c) ? Stream.of(type.cast(c)) : Stream.empty();
  }
}
