package dev.kvstore.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.batch.Op.Result;
import dev.kvstore.entries.control.Condition;
import dev.kvstore.entries.control.EntryStore;
import dev.kvstore.entries.entity.Entry;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
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
    results.put(op(0, "get", "k"), "{\"status\":200}");
    assertEquals("[{\"status\":200},null]", results.toJson());
  }

  @Test
  void aGetWhoseValueIsLongerThanTheRoomLeftIsA413ResultAndSmallerOnesStillFit() {
    Entry small = Entry.create("s", "1", Optional.empty(), 1, NOW);
    Entry large = Entry.create("l", "\"" + "x".repeat(300) + "\"", Optional.empty(), 2, NOW);
    EntryStore store = storeOf(small, large);
    BatchResults results = new BatchResults(3, 300);
    for (Op op : List.of(op(0, "get", "s"), op(1, "get", "l"), op(2, "get", "s"))) {
      results.add(op, op.run(store, NOW, results.room()));
    }

    JsonArray answer = Json.createReader(new StringReader(results.toJson())).readArray();
    assertEquals(List.of(200, 413, 200), statuses(answer));
    assertEquals(1, answer.getJsonObject(2).getInt("value"));
    assertTrue(answer.getJsonObject(1).getString("error").contains("GET this key on its own"));
  }

  @Test
  void aGetWithNoConditionLeavesAValueWithoutRoomToTheStoreUnreadAndAConditionalOneReadsIt() {
    Entry large = Entry.create("l", "\"" + "x".repeat(300) + "\"", Optional.empty(), 2, NOW);
    List<String> calls = new ArrayList<>();
    EntryStore store =
        new EntryStore() {
          @Override
          public Optional<Entry> getIfNoLongerThan(String key, Instant now, long maxChars) {
            calls.add("getIfNoLongerThan " + maxChars);
            return Optional.empty();
          }

          @Override
          public Entry get(String key, Instant now) {
            calls.add("get");
            return large;
          }
        };
    Op conditional = new Op(1, "get", "l", current -> {}, Optional.empty());

    assertEquals(413, op(0, "get", "l").run(store, NOW, 100).status());
    assertEquals(413, conditional.run(store, NOW, 100).status());
    assertEquals(List.of("getIfNoLongerThan 100", "get"), calls);
  }

  @Test
  void theRoomIsWhatTheResultsSoFarLeaveOfTheBudget() {
    BatchResults results = new BatchResults(2, 100);
    assertEquals(100, results.room());
    results.put(op(0, "incr", "c"), "x".repeat(60));
    assertEquals(40, results.room());
    results.put(op(1, "incr", "c"), "x".repeat(60));
    assertEquals(0, results.room());
  }

  private static EntryStore storeOf(Entry... entries) {
    return new EntryStore() {
      @Override
      public Entry get(String key, Instant now) {
        return Stream.of(entries).filter(e -> e.key().equals(key)).findFirst().orElseThrow();
      }
    };
  }

  private static Op op(int index, String kind, String key) {
    return new Op(index, kind, key, Condition.NONE, Optional.empty());
  }

  private static List<Integer> statuses(JsonArray answer) {
    return answer.stream().map(result -> result.asJsonObject().getInt("status")).toList();
  }
}
