package dev.kvstore.batch;

import static dev.kvstore.it.Http.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.it.Deployments;
import dev.kvstore.it.Http;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** B1–B6 over HTTP. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BatchIT {

  /** A JSON string of 800,000 characters: a batch's answer has room for two, not three (B6). */
  private static final String LARGE = "\"" + "x".repeat(800_000) + "\"";

  @Deployment
  static WebArchive deployment() {
    return Deployments.kvstore();
  }

  @ArquillianResource URL base;

  private static HttpResponse<String> batch(Http http, String body) {
    return http.post("_batch", body);
  }

  private static String q(String key) {
    return "\"" + key + "\"";
  }

  private static List<Integer> statuses(JsonArray results) {
    return results.stream().map(r -> r.asJsonObject().getInt("status")).toList();
  }

  /** Stores {@link #LARGE} under the key, with the request's other members ({@code extra}). */
  private static void putLarge(Http http, String key, String extra) {
    assertEquals(201, http.put(Http.path(key), "{\"value\": " + LARGE + extra + "}").statusCode());
  }

  /** The get ops of the keys {@code key + part}, as a JSON array's members. */
  private static String gets(String key, String... parts) {
    return Stream.of(parts)
        .map(part -> "{\"op\": \"get\", \"key\": " + q(key + part) + "}")
        .collect(Collectors.joining(","));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void b6AGetBeyondTwoMebibytesOfResultsIsA413ResultAndTheRestIsAnswered(boolean atomic) {
    Http http = new Http(base);
    String key = uniqueKey("large");
    for (String part : List.of("a", "b", "c")) {
      putLarge(http, key + part, "");
    }
    String counter = key + "d";
    String ops = gets(key, "a", "b", "c");
    HttpResponse<String> response =
        batch(
            http,
            "{\"atomic\": "
                + atomic
                + ", \"ops\": ["
                + ops
                + ", {\"op\": \"incr\", \"key\": "
                + q(counter)
                + "}]}");

    assertEquals(200, response.statusCode(), response.body().substring(0, 200));
    JsonArray results = Http.json(response).getJsonArray("results");
    assertEquals(List.of(200, 200, 413, 200), statuses(results));
    assertEquals(LARGE, results.getJsonObject(1).get("value").toString());
    assertTrue(results.getJsonObject(2).getString("error").contains("on its own"));
    assertEquals(1, Http.json(http.get(Http.path(counter))).getInt("value"));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void b6AGetWithoutRoomForAnyValueStillAnswersAnExpiredOrMissingKeyWith404(boolean atomic) {
    Http http = new Http(base);
    String key = uniqueKey("room");
    putLarge(http, key + "a", "");
    putLarge(http, key + "b", "");
    putLarge(http, key + "c", ", \"ttl\": 1");
    http.advanceClock(2);

    HttpResponse<String> response =
        batch(
            http, "{\"atomic\": " + atomic + ", \"ops\": [" + gets(key, "a", "b", "c", "d") + "]}");

    assertEquals(200, response.statusCode(), response.body().substring(0, 200));
    JsonArray results = Http.json(response).getJsonArray("results");
    assertEquals(List.of(200, 200, 404, 404), statuses(results));
    assertEquals(LARGE, results.getJsonObject(1).get("value").toString());
  }

  @Test
  void eachOpAnswersAsItsSingleKeyRequestWould() {
    Http http = new Http(base);
    String a = uniqueKey("a");
    String b = uniqueKey("b");
    String missing = uniqueKey("missing");
    HttpResponse<String> response =
        batch(
            http,
            "{\"ops\": ["
                + "{\"op\": \"set\", \"key\": "
                + q(a)
                + ", \"value\": {\"x\": 1}, \"ttl\": 60},"
                + "{\"op\": \"incr\", \"key\": "
                + q(b)
                + ", \"by\": 5},"
                + "{\"op\": \"get\", \"key\": "
                + q(a)
                + "},"
                + "{\"op\": \"get\", \"key\": "
                + q(missing)
                + "},"
                + "{\"op\": \"decr\", \"key\": "
                + q(b)
                + "},"
                + "{\"op\": \"expire\", \"key\": "
                + q(b)
                + ", \"ttl\": 30},"
                + "{\"op\": \"persist\", \"key\": "
                + q(b)
                + "},"
                + "{\"op\": \"delete\", \"key\": "
                + q(a)
                + "},"
                + "{\"op\": \"delete\", \"key\": "
                + q(missing)
                + "}]}");
    assertEquals(200, response.statusCode(), response.body());
    JsonArray results = Http.json(response).getJsonArray("results");
    assertEquals(List.of(201, 200, 200, 404, 200, 200, 200, 200, 404), statuses(results));
    assertEquals("{\"x\":1}", results.getJsonObject(2).get("value").toString());
    assertEquals(4, results.getJsonObject(4).getInt("value"));
    assertEquals(30, results.getJsonObject(5).getInt("ttl_remaining"));
    assertEquals(-1, results.getJsonObject(6).getInt("ttl_remaining"));
    assertEquals(404, http.get(a).statusCode());
    JsonObject counter = Http.json(http.get(b));
    assertEquals(4, counter.getInt("value"));
    assertEquals(
        counter.getJsonNumber("version").longValue(),
        results.getJsonObject(6).getJsonNumber("version").longValue());
  }

  /**
   * README, "Known limits": keys that Payara's HTTP layer does not let through a path (a backslash,
   * the segments {@code .} and {@code ..}) are valid keys, written, read and deleted by a batch.
   */
  @Test
  void keysNoPathCanNameAreWrittenReadAndDeletedByABatch() {
    Http http = new Http(base);
    String backslash = uniqueKey("dir") + "\\file";
    List<String> keys = List.of(backslash, ".", "..");
    List<String> ops = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      ops.add(op("set", keys.get(i), ", \"value\": " + i));
    }
    keys.forEach(key -> ops.add(op("get", key, "")));
    keys.forEach(key -> ops.add(op("delete", key, "")));

    HttpResponse<String> response = batch(http, "{\"ops\": [" + String.join(",", ops) + "]}");

    assertEquals(200, response.statusCode(), response.body());
    JsonArray results = Http.json(response).getJsonArray("results");
    List<Integer> statuses = statuses(results);
    assertTrue(
        statuses.subList(0, 3).stream().allMatch(s -> s == 200 || s == 201), response.body());
    assertEquals(List.of(200, 200, 200, 200, 200, 200), statuses.subList(3, 9), response.body());
    for (int i = 0; i < keys.size(); i++) {
      assertEquals(keys.get(i), results.getJsonObject(3 + i).getString("key"));
      assertEquals(i, results.getJsonObject(3 + i).getInt("value"));
    }
    assertEquals(400, http.get(Http.path(backslash)).statusCode());
  }

  /** One op of {@code name} on {@code key} (JSON-escaped), then {@code fields}. */
  private static String op(String name, String key, String fields) {
    return "{\"op\": \"" + name + "\", \"key\": " + Json.createValue(key) + fields + "}";
  }

  @Test
  void b4AFailedConditionAbortsAnAtomicBatchAndAppliesNothing() {
    Http http = new Http(base);
    String a = uniqueKey("a");
    String b = uniqueKey("b");
    http.put(a, "{\"value\": 1}");
    HttpResponse<String> response =
        batch(
            http,
            "{\"ops\": ["
                + "{\"op\": \"set\", \"key\": "
                + q(a)
                + ", \"value\": 2},"
                + "{\"op\": \"set\", \"key\": "
                + q(b)
                + ", \"value\": 2},"
                + "{\"op\": \"set\", \"key\": "
                + q(b)
                + ", \"value\": 3, \"if_absent\": true}]}");
    assertEquals(409, response.statusCode(), response.body());
    JsonObject body = Http.json(response);
    assertEquals(2, body.getInt("failed_op"));
    assertTrue(body.getString("error").contains("ops[2]"), body.getString("error"));
    JsonArray results = body.getJsonArray("results");
    assertEquals(412, results.getJsonObject(2).getInt("status"));
    assertEquals(3, results.size());
    assertEquals(1, Http.json(http.get(a)).getInt("value"));
    assertEquals(404, http.get(b).statusCode());
  }

  @Test
  void b4AFailingOpAbortsAnAtomicBatch() {
    Http http = new Http(base);
    String text = uniqueKey("text");
    String other = uniqueKey("other");
    http.put(text, "{\"value\": \"abc\"}");
    HttpResponse<String> response =
        batch(
            http,
            "{\"ops\": [{\"op\": \"incr\", \"key\": "
                + q(other)
                + "},"
                + " {\"op\": \"incr\", \"key\": "
                + q(text)
                + "}]}");
    assertEquals(409, response.statusCode());
    assertEquals(1, Http.json(response).getInt("failed_op"));
    assertEquals(404, http.get(other).statusCode());
    HttpResponse<String> expireMissing =
        batch(
            http,
            "{\"ops\": [{\"op\": \"expire\", \"key\": " + q(uniqueKey("none")) + ", \"ttl\": 5}]}");
    assertEquals(409, expireMissing.statusCode());
  }

  @Test
  void b2IfVersionIsCompareAndSet() {
    Http http = new Http(base);
    String key = uniqueKey("cas");
    http.put(key, "{\"value\": 1}");
    long version = Http.json(http.get(key)).getJsonNumber("version").longValue();
    String stale =
        "{\"ops\": [{\"op\": \"set\", \"key\": "
            + q(key)
            + ", \"value\": 2, \"if_version\": "
            + (version - 1)
            + "}]}";
    assertEquals(409, batch(http, stale).statusCode());
    String current =
        "{\"ops\": [{\"op\": \"set\", \"key\": "
            + q(key)
            + ", \"value\": 2, \"if_version\": "
            + version
            + "}]}";
    assertEquals(200, batch(http, current).statusCode());
    assertEquals(2, Http.json(http.get(key)).getInt("value"));
    String absent = uniqueKey("cas-absent");
    String onAbsent =
        "{\"ops\": [{\"op\": \"set\", \"key\": "
            + q(absent)
            + ", \"value\": 2, \"if_version\": "
            + version
            + "}]}";
    assertEquals(409, batch(http, onAbsent).statusCode());
    assertEquals(404, http.get(absent).statusCode());
  }

  @Test
  void b5ANonAtomicBatchRunsEachOpOnItsOwn() {
    Http http = new Http(base);
    String a = uniqueKey("a");
    String text = uniqueKey("text");
    http.put(text, "{\"value\": \"abc\"}");
    HttpResponse<String> response =
        batch(
            http,
            "{\"atomic\": false, \"ops\": [{\"op\": \"incr\", \"key\": "
                + q(a)
                + "},"
                + " {\"op\": \"incr\", \"key\": "
                + q(text)
                + "},"
                + " {\"op\": \"set\", \"key\": "
                + q(a)
                + ", \"value\": 9, \"if_absent\": true},"
                + " {\"op\": \"incr\", \"key\": "
                + q(a)
                + "}]}");
    assertEquals(200, response.statusCode());
    assertEquals(
        List.of(200, 409, 412, 200), statuses(Http.json(response).getJsonArray("results")));
    assertEquals(2, Http.json(http.get(a)).getInt("value"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"op\": \"frob\", \"key\": \"k\"}",
        "{\"op\": \"get\"}",
        "{\"op\": \"get\", \"key\": \"_reserved\"}",
        "{\"op\": \"get\", \"key\": 5}",
        "{\"op\": \"incr\", \"key\": \"k\", \"by\": \"1\"}",
        "{\"op\": \"set\", \"key\": \"k\"}",
        "{\"op\": \"set\", \"key\": \"k\", \"value\": 1, \"tll\": 5}",
        "{\"op\": \"expire\", \"key\": \"k\"}",
        "{\"op\": \"get\", \"key\": \"k\", \"if_version\": \"7\"}",
        "{\"op\": \"set\", \"key\": \"k\", \"value\": 1, \"if_version\": -1}",
        "{\"op\": \"set\", \"key\": \"k\", \"value\": 1, \"if_version\": 0}",
        "{\"op\": \"get\", \"key\": \"k\", \"if_absent\": true, \"if_present\": true}",
        "[\"get\", \"k\"]"
      })
  void b1AMalformedOpIsA400NamingItAndNothingRuns(String op) {
    Http http = new Http(base);
    String first = uniqueKey("first");
    HttpResponse<String> response =
        batch(
            http,
            "{\"ops\": [{\"op\": \"set\", \"key\": " + q(first) + ", \"value\": 1}, " + op + "]}");
    assertEquals(400, response.statusCode(), response.body());
    assertTrue(Http.json(response).getString("error").startsWith("ops[1]: "), response.body());
    assertEquals(404, http.get(first).statusCode());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"ops\": {}}",
        "{\"ops\": [], \"atomic\": \"yes\"}",
        "{\"ops\": [], \"extra\": 1}",
        "[]"
      })
  void aMalformedBatchIsA400(String body) {
    assertEquals(400, batch(new Http(base), body).statusCode());
  }

  @Test
  void b1ABatchOfMoreThanAThousandOpsIsA400() {
    Http http = new Http(base);
    String key = uniqueKey("many");
    String op = "{\"op\": \"incr\", \"key\": " + q(key) + "}";
    String thousand = String.join(",", Collections.nCopies(1000, op));
    assertEquals(400, batch(http, "{\"ops\": [" + thousand + "," + op + "]}").statusCode());
    assertEquals(404, http.get(key).statusCode());
    HttpResponse<String> fits = batch(http, "{\"ops\": [" + thousand + "]}");
    assertEquals(200, fits.statusCode());
    assertEquals(1000, Http.json(http.get(key)).getInt("value"));
  }

  @Test
  void b3ConcurrentAtomicTransfersInRandomOrdersKeepTheTotal() throws Exception {
    Http http = new Http(base);
    List<String> accounts = IntStream.range(0, 10).mapToObj(i -> uniqueKey("account" + i)).toList();
    accounts.forEach(account -> http.put(account, "{\"value\": 100}"));
    List<Integer> statuses =
        inParallel(
            8,
            25,
            random -> {
              List<String> shuffled = new ArrayList<>(accounts);
              Collections.shuffle(shuffled, random);
              StringBuilder ops = new StringBuilder();
              for (int i = 0; i + 1 < shuffled.size(); i += 2) {
                int amount = random.nextInt(10);
                ops.append(i == 0 ? "" : ",")
                    .append("{\"op\": \"decr\", \"key\": ")
                    .append(q(shuffled.get(i)))
                    .append(", \"by\": ")
                    .append(amount)
                    .append("},")
                    .append("{\"op\": \"incr\", \"key\": ")
                    .append(q(shuffled.get(i + 1)))
                    .append(", \"by\": ")
                    .append(amount)
                    .append("}");
              }
              return batch(http, "{\"ops\": [" + ops + "]}").statusCode();
            });
    assertTrue(statuses.stream().allMatch(s -> s == 200), statuses.toString());
    int total =
        accounts.stream().mapToInt(account -> Http.json(http.get(account)).getInt("value")).sum();
    assertEquals(1000, total);
  }

  @Test
  void b3ConcurrentAtomicBatchesCreatingTheSameKeysInRandomOrdersAllSucceed() throws Exception {
    Http http = new Http(base);
    List<String> keys = IntStream.range(0, 10).mapToObj(i -> uniqueKey("new" + i)).toList();
    List<Integer> statuses =
        inParallel(
            8,
            5,
            random -> {
              List<String> shuffled = new ArrayList<>(keys);
              Collections.shuffle(shuffled, random);
              String ops =
                  shuffled.stream()
                      .map(key -> "{\"op\": \"incr\", \"key\": " + q(key) + "}")
                      .collect(Collectors.joining(","));
              return batch(http, "{\"ops\": [" + ops + "]}").statusCode();
            });
    assertTrue(statuses.stream().allMatch(s -> s == 200), statuses.toString());
    keys.forEach(key -> assertEquals(40, Http.json(http.get(key)).getInt("value")));
  }

  private interface Client {
    int run(Random random) throws Exception;
  }

  private static List<Integer> inParallel(int clients, int rounds, Client client) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<List<Integer>>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        Random random = new Random(c);
        futures.add(
            pool.submit(
                () -> {
                  List<Integer> statuses = new ArrayList<>();
                  for (int r = 0; r < rounds; r++) {
                    statuses.add(client.run(random));
                  }
                  return statuses;
                }));
      }
      List<Integer> all = new ArrayList<>();
      for (Future<List<Integer>> future : futures) {
        all.addAll(future.get(5, TimeUnit.MINUTES));
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }
}
