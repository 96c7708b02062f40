package dev.kvstore.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.batch.Op.Result;
import dev.kvstore.entries.control.Condition;
import dev.kvstore.entries.entity.Entry;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchResultsTest {

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
    BatchResults results = new BatchResults(2, 100);
    results.put(op(0, "get"), "{\"status\":200}");
    assertEquals("[{\"status\":200},null]", results.toJson());
  }

  @Test
  void aGetWhoseAnswerWouldTakeTheResultsBeyondTheBudgetIsA413AndSmallerOnesStillFit() {
    Entry small = Entry.create("s", "1", Optional.empty(), 1, NOW);
    Entry large = Entry.create("l", "\"" + "x".repeat(300) + "\"", Optional.empty(), 2, NOW);
    BatchResults results = new BatchResults(3, 300);
    results.add(op(0, "get"), new Result(200, small.toJson(NOW)));
    results.add(op(1, "get"), new Result(200, large.toJson(NOW)));
    results.add(op(2, "get"), new Result(200, small.toJson(NOW)));

    JsonArray answer = Json.createReader(new StringReader(results.toJson())).readArray();
    assertEquals(List.of(200, 413, 200), statuses(answer));
    assertEquals(1, answer.getJsonObject(2).getInt("value"));
    assertTrue(answer.getJsonObject(1).getString("error").contains("beyond 300 characters"));
  }

  @Test
  void writesAreCountedButNeverReplacedForTheyHaveBeenApplied() {
    Entry counter = Entry.create("c", "5", Optional.empty(), 3, NOW);
    BatchResults results = new BatchResults(2, 10);
    results.add(op(0, "incr"), Result.of(200, counter.toCounterJson(NOW), 3));
    results.add(op(1, "get"), new Result(200, counter.toJson(NOW)));

    JsonArray answer = Json.createReader(new StringReader(results.toJson())).readArray();
    assertEquals(List.of(200, 413), statuses(answer));
  }

  private static Op op(int index, String kind) {
    return new Op(index, kind, "k", Condition.NONE, Optional.empty());
  }

  private static List<Integer> statuses(JsonArray answer) {
    return answer.stream().map(result -> result.asJsonObject().getInt("status")).toList();
  }
}
