package dev.kvstore.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kvstore.batch.Op.Result;
import dev.kvstore.entries.entity.Entry;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpResultTest {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  private final Entry entry =
      Entry.create(
          "user:\"1\"",
          "{\"tags\":[\"a\",\"b\"],\"score\":1.50E+2,\"note\":\"\\u00e9\\n\"}",
          Optional.of(NOW.plusSeconds(30)),
          7,
          NOW);

  @Test
  void aGetResultIsTheGetBodyAfterItsNumericStatusWithTheValueCopiedAsStored() {
    assertEquals(
        "{\"status\":200,\"key\":\"user:\\\"1\\\"\","
            + "\"value\":{\"tags\":[\"a\",\"b\"],\"score\":1.50E+2,\"note\":\"\\u00e9\\n\"},"
            + "\"ttl_remaining\":30,\"expires_at\":\"2026-11-28T12:00:30Z\",\"version\":7}",
        new Result(200, entry.toJson(NOW)).toJson());
  }

  @Test
  void aWriteResultPutsItsStatusInPlaceOfTheSeedsOkAndItsVersionLast() {
    assertEquals(
        "{\"status\":201,\"action\":\"created\",\"key\":\"user:\\\"1\\\"\","
            + "\"expires_at\":\"2026-11-28T12:00:30Z\",\"version\":7}",
        Result.of(201, entry.toWrittenJson("created"), entry.version()).toJson());
  }

  @Test
  void aCounterResultKeepsItsMembersInOrderWithTheVersionLast() {
    Entry counter = Entry.create("hits", "42", Optional.empty(), 9, NOW);
    assertEquals(
        "{\"status\":200,\"key\":\"hits\",\"value\":42,\"ttl_remaining\":-1,\"version\":9}",
        Result.of(200, counter.toCounterJson(NOW), counter.version()).toJson());
  }

  @Test
  void anEmptyBodyGivesTheStatusAlone() {
    assertEquals("{\"status\":204}", new Result(204, "{}").toJson());
  }

  @Test
  void resultsJoinAsAnArrayWithNullForOpsThatDidNotRun() {
    assertEquals(
        "[{\"status\":200},null]", BatchRunner.toArray(new String[] {"{\"status\":200}", null}));
  }
}
