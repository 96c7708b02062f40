package dev.kvstore.errors;

import dev.kvstore.metrics.ServerMetrics;
import dev.kvstore.storage.SqlErrors;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything that is not the client's mistake.
 *
 * <p>A lock wait that timed out or a database that cannot be reached is a 503 with {@code
 * Retry-After}: the request changed nothing and may simply be sent again. It is logged in one line.
 * A large PATCH or batch that found no memory for its JSON trees in time ({@link ServerBusy}) is a
 * 503 with {@code Retry-After} too, not logged. Anything else is a bug: a 500 whose body names no
 * class, with the stack trace in the server log.
 */
@Provider
public class FailureMapper implements ExceptionMapper<Throwable> {

  @Inject ServerMetrics metrics;

  private static final Logger LOG = Logger.getLogger(FailureMapper.class.getName());

  private static final String LOCK_RETRY_AFTER_SECONDS = "1";

  /** Seconds a client should wait before it retries against a database that is unavailable. */
  public static final String DATABASE_RETRY_AFTER_SECONDS = "5";

  public static final String DATABASE_UNAVAILABLE = "The database is unavailable; retry later.";

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof ServerBusy) {
      return unavailable(LOCK_RETRY_AFTER_SECONDS, e.getMessage());
    }
    if (SqlErrors.isLockTimeout(e)) {
      metrics.lockTimedOut();
      LOG.info(() -> "Lock wait timed out: " + SqlErrors.describe(e));
      return unavailable(
          LOCK_RETRY_AFTER_SECONDS,
          "The key is locked by other requests that did not finish in time; retry.");
    }
    if (SqlErrors.isDatabaseFailure(e)) {
      metrics.databaseFailed();
      LOG.warning(() -> "Database failure: " + SqlErrors.describe(e));
      return unavailable(DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE);
    }
    LOG.log(Level.SEVERE, "Unexpected failure", e);
    return ErrorBody.response(500, "Internal server error.");
  }

  private static Response unavailable(String retryAfterSeconds, String sentence) {
    return Response.fromResponse(ErrorBody.response(503, sentence))
        .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
        .build();
  }
}
