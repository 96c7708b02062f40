package dev.kvstore.entries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.it.Deployments;
import dev.kvstore.it.Http;
import dev.kvstore.it.Scrape;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** E6: SET is atomic under concurrent writers. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConcurrencyIT {

  private static final int WRITERS = 16;

  @Deployment
  static WebArchive deployment() {
    return Deployments.kvstore();
  }

  @ArquillianResource URL base;

  @Test
  void concurrentFirstWritersAllSucceedAndExactlyOneCreates() throws Exception {
    Http http = new Http(base);
    for (int round = 0; round < 20; round++) {
      String key = "first:" + UUID.randomUUID();
      List<HttpResponse<String>> responses =
          concurrently(writer -> http.put(key, "{\"value\": " + writer + "}"));
      List<Integer> statuses = responses.stream().map(HttpResponse::statusCode).toList();
      assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 201), statuses.toString());
      assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
      long created =
          responses.stream()
              .filter(r -> Http.json(r).getString("action").equals("created"))
              .count();
      assertEquals(1, created);
      assertEquals(200, http.get(key).statusCode());
    }
  }

  @Test
  void concurrentWritersOfOneHotKeyLeaveTheLastWriteOfOneOfThem() throws Exception {
    Http http = new Http(base);
    String key = "hot:" + UUID.randomUUID();
    int writes = 40;
    List<List<Integer>> statuses =
        concurrently(
            writer ->
                IntStream.range(0, writes)
                    .mapToObj(
                        i ->
                            http.put(
                                    key,
                                    "{\"value\": {\"writer\": " + writer + ", \"i\": " + i + "}}")
                                .statusCode())
                    .toList());
    statuses.forEach(
        list -> assertTrue(list.stream().allMatch(s -> s == 200 || s == 201), list.toString()));
    var value = Http.json(http.get(key)).getJsonObject("value");
    assertEquals(writes - 1, value.getInt("i"));
    Set<Integer> writers = IntStream.range(0, WRITERS).boxed().collect(Collectors.toSet());
    assertTrue(writers.contains(value.getInt("writer")));
  }

  @Test
  void s3AWriteThatWaitsLongerThanTheLockTimeoutIsA503AndChangesNothing() throws Exception {
    Http http = new Http(base);
    String key = "locked:" + UUID.randomUUID();
    http.put(key, "{\"value\": \"before\"}");
    String before = http.stored(key);
    http.holdLock(key, 4000);

    HttpResponse<String> blocked = http.put(key, "{\"value\": \"after\"}");

    assertEquals(503, blocked.statusCode(), blocked.body());
    assertEquals("1", blocked.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(Http.json(blocked).getString("error").contains("retry"), blocked.body());
    assertEquals(before, http.stored(key));
  }

  @Test
  void r2ALostDatabaseIsA503WithRetryAfter() {
    HttpResponse<String> response = new Http(base).post("_test/database-failure", "");
    assertEquals(503, response.statusCode());
    assertEquals("5", response.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(
        "The database is unavailable; retry later.", Http.json(response).getString("error"));
  }

  @Test
  void e12IncrementsQueuedBehindABusyKeyShareTransactionsAndEachCountsOnce() throws Exception {
    Http http = new Http(base);
    String key = "grouped:" + UUID.randomUUID();
    http.put(key, "{\"value\": 0}");
    Scrape before = Scrape.of(base);
    // The first increment waits for the row lock, the others queue behind it meanwhile.
    http.holdLock(key, 1000);

    List<HttpResponse<String>> responses = concurrently(writer -> http.post(key + "/incr", ""));

    responses.forEach(response -> assertEquals(200, response.statusCode(), response.body()));
    Map<Integer, Long> versionByCount = new TreeMap<>();
    for (HttpResponse<String> response : responses) {
      long version =
          Long.parseLong(response.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
      versionByCount.put(Http.json(response).getInt("value"), version);
    }
    assertEquals(
        IntStream.rangeClosed(1, WRITERS).boxed().toList(), List.copyOf(versionByCount.keySet()));
    List<Long> versions = List.copyOf(versionByCount.values());
    assertEquals(versions.stream().sorted().toList(), versions, "a later count, a later version");
    assertEquals(WRITERS, Http.json(http.get(key)).getInt("value"));
    Scrape after = Scrape.of(base);
    assertEquals(WRITERS, after.since(before, "kv_write_group_writes_total"));
    double groups = after.since(before, "kv_write_groups_total");
    assertTrue(groups >= 2 && groups < WRITERS, "transactions: " + groups);
  }

  @Test
  void e14WritesOfManyKeysAtOnceShareTransactionsAndEachIsStoredAsWritten() throws Exception {
    Http http = new Http(base);
    String prefix = "combined:" + UUID.randomUUID() + ":";
    int writes = 40;
    Scrape before = Scrape.of(base);

    List<List<Integer>> statuses =
        concurrently(
            writer ->
                IntStream.range(0, writes)
                    .mapToObj(
                        i ->
                            http.put(
                                    prefix + writer + ":" + i,
                                    "{\"value\": [" + writer + ", " + i + "]}")
                                .statusCode())
                    .toList());

    statuses.forEach(list -> assertTrue(list.stream().allMatch(s -> s == 201), list.toString()));
    for (int writer = 0; writer < WRITERS; writer++) {
      for (int i = 0; i < writes; i++) {
        var value = Http.json(http.get(prefix + writer + ":" + i)).getJsonArray("value");
        assertEquals(List.of(writer, i), List.of(value.getInt(0), value.getInt(1)));
      }
    }
    Scrape after = Scrape.of(base);
    assertEquals(WRITERS * writes, after.since(before, "kv_write_group_writes_total"));
    double transactions = after.since(before, "kv_write_groups_total");
    assertTrue(
        transactions < WRITERS * writes,
        "each key written once, yet transactions: " + transactions);
  }

  @Test
  void e12EachConditionalWriteQueuedWithOthersIsJudgedByItsOwnPrecondition() throws Exception {
    Http http = new Http(base);
    String key = "grouped-cas:" + UUID.randomUUID();
    String etag = http.put(key, "{\"value\": 0}").headers().firstValue("ETag").orElseThrow();
    http.holdLock(key, 1000);

    // Even writers compare-and-set against the first version: one of them can win. Odd writers
    // only need the key to exist: all of them win.
    List<Integer> statuses =
        concurrently(
            writer ->
                http.with("If-Match", writer % 2 == 0 ? etag : "*")
                    .put(key, "{\"value\": " + writer + "}")
                    .statusCode());

    List<Integer> even =
        IntStream.range(0, WRITERS).filter(w -> w % 2 == 0).mapToObj(statuses::get).toList();
    List<Integer> odd =
        IntStream.range(0, WRITERS).filter(w -> w % 2 == 1).mapToObj(statuses::get).toList();
    assertTrue(odd.stream().allMatch(s -> s == 200), odd.toString());
    assertTrue(even.stream().allMatch(s -> s == 200 || s == 412), even.toString());
    assertTrue(even.stream().filter(s -> s == 200).count() <= 1, even.toString());
  }

  @Test
  void e11AReadNeverSeesLessThanTheLastAcknowledgedWriteNorGoesBack() throws Exception {
    Http http = new Http(base);
    String key = "read-cache:" + UUID.randomUUID();
    int writes = 300;
    AtomicInteger acknowledged = new AtomicInteger();
    List<String> problems =
        concurrently(
                client -> {
                  if (client == 0) {
                    for (int n = 1; n <= writes; n++) {
                      assertEquals(2, http.put(key, "{\"value\": " + n + "}").statusCode() / 100);
                      acknowledged.set(n);
                    }
                    return "";
                  }
                  int seen = 0;
                  while (acknowledged.get() < writes) {
                    int floor = acknowledged.get();
                    HttpResponse<String> read = http.get(key);
                    int value = read.statusCode() == 404 ? 0 : Http.json(read).getInt("value");
                    if (value < floor || value < seen) {
                      return "read " + value + " after " + floor + " was acknowledged, " + seen;
                    }
                    seen = value;
                  }
                  return "";
                })
            .stream()
            .filter(problem -> !problem.isEmpty())
            .toList();
    assertEquals(List.of(), problems);
    assertEquals(writes, Http.json(http.get(key)).getInt("value"));
  }

  @Test
  void e11EveryKindOfWriteIsSeenByTheNextRead() {
    Http http = new Http(base);
    String key = "read-cache:" + UUID.randomUUID();
    http.put(key, "{\"value\": 1}");
    assertEquals(1, Http.json(http.get(key)).getInt("value"));
    http.post(key + "/incr", "");
    assertEquals(2, Http.json(http.get(key)).getInt("value"));
    http.put(key, "{\"value\": {\"a\": 2}}");
    assertEquals(2, Http.json(http.get(key)).getJsonObject("value").getInt("a"));
    http.send("PATCH", key, "{\"a\": 3}", "application/merge-patch+json");
    assertEquals(3, Http.json(http.get(key)).getJsonObject("value").getInt("a"));
    http.put(key + "/ttl", "{\"ttl\": 100}");
    assertTrue(Http.json(http.get(key)).getInt("ttl_remaining") > 0);
    http.post("_batch", "{\"ops\": [{\"op\": \"set\", \"key\": \"" + key + "\", \"value\": 4}]}");
    assertEquals(4, Http.json(http.get(key)).getInt("value"));
    http.delete(key);
    assertEquals(404, http.get(key).statusCode());
    http.put(key, "{\"value\": 5}");
    assertEquals(5, Http.json(http.get(key)).getInt("value"));
    http.delete("_keys?prefix=" + Http.path(key));
    assertEquals(404, http.get(key).statusCode());
    http.post(key + "/incr", "");
    assertEquals(1, Http.json(http.get(key)).getInt("value"));
  }

  private interface Writer<T> {
    T write(int writer);
  }

  /** Runs one call per writer, all released at once, and returns their results in order. */
  private static <T> List<T> concurrently(Writer<T> writer) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        int id = i;
        Callable<T> call =
            () -> {
              start.await();
              return writer.write(id);
            };
        futures.add(pool.submit(call));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
