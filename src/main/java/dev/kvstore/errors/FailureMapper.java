package dev.kvstore.errors;

import dev.kvstore.metrics.ServerMetrics;
import dev.kvstore.storage.SqlErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
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
 *
 * <p>A bean too: {@code PlainSets} answers the failures of the SETs it does with it.
 */
@Provider
@ApplicationScoped
public class FailureMapper implements ExceptionMapper<Throwable> {

  @Inject ServerMetrics metrics;

  private static final Logger LOG = Logger.getLogger(FailureMapper.class.getName());

  private static final String LOCK_RETRY_AFTER_SECONDS = "1";

  /** Seconds a client should wait before it retries against a database that is unavailable. */
  public static final String DATABASE_RETRY_AFTER_SECONDS = "5";

  public static final String DATABASE_UNAVAILABLE = "The database is unavailable; retry later.";

  /**
   * A failure's answer.
   *
   * @param retryAfter seconds for {@code Retry-After}, when the request may simply be sent again
   */
  public record Answer(int status, String sentence, Optional<String> retryAfter) {}

  @Override
  public Response toResponse(Throwable e) {
    Answer answer = answer(e);
    Response.ResponseBuilder response =
        Response.fromResponse(ErrorBody.response(answer.status(), answer.sentence()));
    answer.retryAfter().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
    return response.build();
  }

  /** The answer to a failure, counted and logged as the class comment says. */
  public Answer answer(Throwable e) {
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
    return new Answer(500, "Internal server error.", Optional.empty());
  }

  private static Answer unavailable(String retryAfterSeconds, String sentence) {
    return new Answer(503, sentence, Optional.of(retryAfterSeconds));
  }
}
