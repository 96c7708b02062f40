package dev.kvstore.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kvstore.metrics.ServerMetrics;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureMapperTest {

  private final List<String> counted = new ArrayList<>();

  private final FailureMapper mapper = new FailureMapper();

  {
    mapper.metrics =
        new ServerMetrics() {
          @Override
          public void lockTimedOut() {
            counted.add("lock");
          }

          @Override
          public void databaseFailed() {
            counted.add("database");
          }
        };
  }

  @Test
  void aLockWaitThatTimedOutIsA503ToRetryAfterASecond() {
    FailureMapper.Answer answer =
        mapper.answer(new IllegalStateException(new SQLException("timeout", "40XL1")));

    assertEquals(503, answer.status());
    assertEquals(Optional.of("1"), answer.retryAfter());
    assertEquals(List.of("lock"), counted);
  }

  @Test
  void aLostDatabaseIsA503ToRetryAfterFiveSeconds() {
    FailureMapper.Answer answer =
        mapper.answer(new IllegalStateException(new SQLTransientConnectionException("gone")));

    assertEquals(
        new FailureMapper.Answer(
            503,
            FailureMapper.DATABASE_UNAVAILABLE,
            Optional.of(FailureMapper.DATABASE_RETRY_AFTER_SECONDS)),
        answer);
    assertEquals(List.of("database"), counted);
  }

  @Test
  void aServerWithoutMemoryForTheTreesIsA503WithItsSentence() {
    FailureMapper.Answer answer = mapper.answer(new ServerBusy("No memory for the patch; retry."));

    assertEquals(
        new FailureMapper.Answer(503, "No memory for the patch; retry.", Optional.of("1")), answer);
    assertEquals(List.of(), counted);
  }

  @Test
  void anythingElseIsA500ThatNamesNoClass() {
    FailureMapper.Answer answer = mapper.answer(new IllegalArgumentException("a bug"));

    assertEquals(new FailureMapper.Answer(500, "Internal server error.", Optional.empty()), answer);
    assertEquals(List.of(), counted);
  }
}
