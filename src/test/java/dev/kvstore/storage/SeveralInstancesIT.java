package dev.kvstore.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kvstore.it.Http;
import dev.kvstore.it.MicroServer;
import dev.kvstore.it.Postgresql;
import dev.kvstore.it.Scrape;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three instances on one PostgreSQL database, each its own process and port: every guarantee of one
 * instance holds across them (S10, X5, X6). Part of the suite's PostgreSQL run only.
 */
class SeveralInstancesIT {

  private static final int INSTANCES = 3;

  private static final List<MicroServer> servers = new ArrayList<>();
  private static String database;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Postgresql.isSelected(), "PostgreSQL only: runs in the PostgreSQL run of the suite");
    assumeTrue(Postgresql.isReachable(), Postgresql.UNREACHABLE);
    Path itDir = Path.of(System.getProperty("kvstore.itDir"));
    Files.createDirectories(itDir);
    database = Postgresql.createDatabase("instances");
    Map<String, String> env = new HashMap<>(Postgresql.environment(database));
    // every instance sweeps every second, so that their sweeps overlap
    env.put("KV_EXPIRY_SWEEP_INTERVAL_SECONDS", "1");
    // as on the suite's other servers: on a stalled database a request waits at most this for a
    // statement, then twice a second for a new connection
    env.put("KV_LOCK_TIMEOUT_SECONDS", "2");
    List<MicroServer.Start> starts = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      Path dataDir = itDir.resolve("instance-" + i + "-" + UUID.randomUUID());
      starts.add(
          new MicroServer.Start(
              dataDir, dataDir.resolveSibling(dataDir.getFileName() + ".log"), env));
    }
    servers.addAll(MicroServer.startAll(starts));
  }

  @AfterAll
  static void stop() throws Exception {
    servers.forEach(MicroServer::close);
    if (database != null) {
      Postgresql.dropDatabase(database);
    }
  }

  private static Http http(int instance) {
    return servers.get(instance % INSTANCES).http();
  }

  private static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<T> results = new ArrayList<>();
      for (Future<T> result : pool.invokeAll(tasks)) {
        results.add(result.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * 24 clients on one key, each until it has 100 acknowledged increments. On two cores shared by
   * three servers and the database a lock wait may outlast the 2 s lock timeout; that answer is a
   * 503 that changed nothing, and the client sends the increment again, as the API tells it to. The
   * count must then be exactly the acknowledged increments: a lost, doubled or half-applied one
   * shows.
   */
  @Test
  void c1ThreeInstancesTimesEightClientsTimesAHundredIncrementsCountExactly() throws Exception {
    String key = "counter-" + UUID.randomUUID();
    List<Scrape> before = scrapes();
    List<Callable<List<Integer>>> clients = new ArrayList<>();
    for (int client = 0; client < INSTANCES * 8; client++) {
      Http http = http(client);
      clients.add(
          () -> {
            List<Integer> statuses = new ArrayList<>();
            for (int acknowledged = 0; acknowledged < 100 && statuses.size() < 200; ) {
              HttpResponse<String> incr = http.post(key + "/incr", "");
              statuses.add(incr.statusCode());
              if (incr.statusCode() == 200) {
                acknowledged++;
              } else if (incr.statusCode() == 503) {
                assertEquals("1", incr.headers().firstValue("Retry-After").orElse(null));
              }
            }
            return statuses;
          });
    }
    List<Integer> statuses = concurrently(clients).stream().flatMap(List::stream).toList();
    Map<Integer, Long> counts = new HashMap<>();
    statuses.forEach(status -> counts.merge(status, 1L, Long::sum));
    assertEquals(2400L, counts.getOrDefault(200, 0L), counts.toString());
    assertEquals(
        statuses.size(), counts.get(200) + counts.getOrDefault(503, 0L), counts.toString());
    List<Scrape> after = scrapes();
    double lockTimeouts = 0;
    for (int i = 0; i < INSTANCES; i++) {
      lockTimeouts += after.get(i).since(before.get(i), "kv_lock_timeouts_total");
    }
    assertEquals(counts.getOrDefault(503, 0L), (long) lockTimeouts, "every 503 a lock timeout");
    for (int instance = 0; instance < INSTANCES; instance++) {
      assertEquals(2400, Http.json(http(instance).get(key)).getInt("value"));
    }
  }

  @Test
  void e2SixteenFirstWritersSpreadOverTheInstancesAllSucceedWithOneRow() throws Exception {
    for (int round = 0; round < 10; round++) {
      String key = "first-" + UUID.randomUUID();
      List<Callable<Integer>> writers = new ArrayList<>();
      for (int writer = 0; writer < 16; writer++) {
        Http http = http(writer);
        String body = "{\"value\": " + writer + "}";
        writers.add(() -> http.put(key, body).statusCode());
      }
      Map<Integer, Long> statuses = new HashMap<>();
      concurrently(writers).forEach(status -> statuses.merge(status, 1L, Long::sum));
      assertEquals(Map.of(201, 1L, 200, 15L), statuses, key);
    }
  }

  /**
   * A3 and A4 across instances: a token issued on one instance ends protected mode on every other
   * and is accepted there; revoked on one, it is refused by every other from the next request on,
   * and with no token left every instance is back in protected mode. The token look-ups read
   * without a transaction of their own (Tokens), so a stale read would show here.
   */
  @Test
  void a3ATokenIssuedOrRevokedOnOneInstanceHoldsOnEveryOtherFromTheNextRequestOn() {
    HttpResponse<String> issued = http(0).post("_tokens", "{\"scope\": \"admin\"}");
    assertEquals(201, issued.statusCode(), issued.body());
    JsonObject token = Http.json(issued);
    String key = "token-" + UUID.randomUUID();
    try {
      for (int i = 1; i < INSTANCES; i++) {
        assertEquals(401, http(i).get(key).statusCode(), "protected mode ended on instance " + i);
        assertEquals(
            2,
            http(i).bearer(token.getString("token")).put(key, "{\"value\": 1}").statusCode() / 100);
      }
    } finally {
      HttpResponse<String> revoked =
          http(0).bearer(token.getString("token")).delete("_tokens/" + token.getString("id"));
      assertEquals(200, revoked.statusCode(), revoked.body());
    }
    for (int i = 1; i < INSTANCES; i++) {
      assertEquals(401, http(i).bearer(token.getString("token")).get(key).statusCode());
      assertEquals(200, http(i).get(key).statusCode(), "protected mode again on instance " + i);
    }
  }

  @Test
  void x5InstancesSweepingAtOnceDeleteEveryExpiredKeyOnceWithoutErrors() throws Exception {
    List<Scrape> before = scrapes();
    String prefix = "sweep-" + UUID.randomUUID() + "-";
    for (int batch = 0; batch < 20; batch++) {
      StringBuilder ops = new StringBuilder();
      for (int i = 0; i < 1000; i++) {
        ops.append(i == 0 ? "" : ",")
            .append("{\"op\": \"set\", \"key\": \"")
            .append(prefix)
            .append(batch * 1000 + i)
            .append("\", \"value\": 1, \"ttl\": 1}");
      }
      HttpResponse<String> stored =
          http(batch).post("_batch", "{\"atomic\": true, \"ops\": [" + ops + "]}");
      assertEquals(200, stored.statusCode(), stored.body());
    }

    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    int request = 0;
    while (deletedSince(before) < 20_000) {
      assertTrue(System.nanoTime() < deadline, "swept " + deletedSince(before) + " in 120 s");
      String key = "unrelated-" + request;
      assertEquals(2, http(request).put(key, "{\"value\": 1}").statusCode() / 100);
      assertEquals(200, http(request + 1).get(key).statusCode(), "served during the sweeps");
      request++;
    }
    List<Scrape> after = scrapes();
    assertEquals(20_000, deletedSince(before), "each key deleted once");
    for (int i = 0; i < INSTANCES; i++) {
      assertEquals(0, after.get(i).since(before.get(i), "kv_database_errors_total"));
      assertEquals(0, after.get(i).since(before.get(i), "kv_lock_timeouts_total"));
      assertEquals(0, after.get(i).value("kv_expiry_backlog_keys"));
    }
  }

  /** One write under load: what it asked, what it got, when it began and how long it took. */
  private record Outcome(
      String key, int value, int status, String retryAfter, long began, long nanos) {}

  @Test
  void o6ADatabasePausedUnderLoadGetsEveryRequestAnsweredInTimeAndLosesNoAcknowledgedWrite()
      throws Exception {
    String prefix = "paused-" + UUID.randomUUID() + "-";
    AtomicBoolean loading = new AtomicBoolean(true);
    List<Callable<List<Outcome>>> clients = new ArrayList<>();
    AtomicLongArray inFlightSince = new AtomicLongArray(8); // per client; 0: no request in flight
    for (int client = 0; client < inFlightSince.length(); client++) {
      Http http = http(client);
      String key = prefix + client + "-";
      int slot = client;
      clients.add(
          () -> {
            List<Outcome> outcomes = new ArrayList<>();
            for (int n = 0; loading.get(); n++) {
              long start = System.nanoTime();
              inFlightSince.set(slot, start);
              HttpResponse<String> put = http.put(key + n, "{\"value\": " + n + "}");
              inFlightSince.set(slot, 0);
              outcomes.add(
                  new Outcome(
                      key + n,
                      n,
                      put.statusCode(),
                      put.headers().firstValue("Retry-After").orElse(null),
                      start,
                      System.nanoTime() - start));
            }
            return outcomes;
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(clients.size() + 1);
    List<Outcome> outcomes = new ArrayList<>();
    long[] outage = new long[2]; // when the pause began and ended
    Path dumps = Path.of(System.getProperty("kvstore.itDir"), "o6-threads-" + UUID.randomUUID());
    try {
      List<Future<List<Outcome>>> results = clients.stream().map(pool::submit).toList();
      pool.submit(() -> dumpThreadsOfSlowRequests(inFlightSince, loading, dumps));
      Thread.sleep(2000); // load before the outage
      outage[0] = System.nanoTime();
      Postgresql.Paused paused = Postgresql.pause();
      try {
        Thread.sleep(10_000); // the outage
      } finally {
        paused.close();
      }
      long resumed = System.nanoTime();
      outage[1] = resumed;
      while (!isServing(prefix)) {
        assertTrue(System.nanoTime() - resumed < Duration.ofSeconds(15).toNanos(), "no recovery");
      }
      Thread.sleep(2000); // load after the recovery
      loading.set(false);
      for (Future<List<Outcome>> result : results) {
        outcomes.addAll(result.get());
      }
    } finally {
      loading.set(false);
      pool.shutdownNow();
    }

    // pool wait (5 s) + 1 s
    long bound = Duration.ofSeconds(6).toNanos();
    Map<Integer, Long> statuses = new HashMap<>();
    outcomes.forEach(outcome -> statuses.merge(outcome.status(), 1L, Long::sum));
    long longest = outcomes.stream().mapToLong(Outcome::nanos).max().orElseThrow();
    String summary = statuses + ", longest " + Duration.ofNanos(longest);
    assertTrue(statuses.getOrDefault(503, 0L) > 0, "the outage was felt: " + summary);
    for (Outcome outcome : outcomes) {
      assertTrue(
          outcome.status() / 100 == 2 || outcome.status() == 503, outcome + " in " + summary);
      assertTrue(outcome.status() != 503 || outcome.retryAfter() != null, outcome.toString());
      assertTrue(
          outcome.nanos() <= bound,
          () ->
              outcome
                  + " took longer than the pool wait + 1 s: "
                  + summary
                  + "; it began "
                  + Duration.ofNanos(outcome.began() - outage[0])
                  + " after the pause began, which lasted "
                  + Duration.ofNanos(outage[1] - outage[0])
                  + "; the instances' busy threads while a request was over "
                  + SLOW
                  + ":\n"
                  + busyThreads(dumps));
      if (outcome.status() / 100 == 2) {
        HttpResponse<String> read = http(outcome.value()).get(outcome.key());
        assertEquals(200, read.statusCode(), outcome + " acknowledged but lost");
        assertEquals(outcome.value(), Http.json(read).getInt("value"));
      }
    }
  }

  /** How long a request may be in flight before o6 takes thread dumps of the instances. */
  private static final Duration SLOW = Duration.ofSeconds(4);

  /**
   * While {@code loading}: whenever a request has been in flight for longer than {@link #SLOW}, the
   * thread dumps of every instance, up to three rounds a second apart, into {@code dumps}.
   */
  private static Void dumpThreadsOfSlowRequests(
      AtomicLongArray inFlightSince, AtomicBoolean loading, Path dumps) throws Exception {
    int rounds = 0;
    while (loading.get() && rounds < 3) {
      Thread.sleep(100);
      long now = System.nanoTime();
      boolean slow = false;
      for (int i = 0; i < inFlightSince.length(); i++) {
        long since = inFlightSince.get(i);
        slow |= since != 0 && now - since > SLOW.toNanos();
      }
      if (slow) {
        Files.createDirectories(dumps);
        List<CompletableFuture<Void>> taken = new ArrayList<>();
        for (int instance = 0; instance < INSTANCES; instance++) {
          Path file = dumps.resolve("round-" + rounds + "-instance-" + instance + ".txt");
          MicroServer server = servers.get(instance);
          taken.add(
              CompletableFuture.runAsync(
                  () -> {
                    try {
                      server.dumpThreads(file);
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }));
        }
        taken.forEach(CompletableFuture::join);
        rounds++;
        Thread.sleep(1000);
      }
    }
    return null;
  }

  /**
   * From the first round of thread dumps: the stacks that run kvstore's code or open a PostgreSQL
   * connection, 40 frames each at most; where the files are.
   */
  private static String busyThreads(Path dumps) {
    StringBuilder busy = new StringBuilder("(all dumps in " + dumps + ")\n");
    for (int instance = 0; instance < INSTANCES; instance++) {
      Path file = dumps.resolve("round-0-instance-" + instance + ".txt");
      try {
        for (String thread : Files.readString(file).split("\n\n")) {
          if (thread.contains("dev.kvstore") || thread.contains("PostgreSQL JDBC")) {
            busy.append("instance ").append(instance).append(": ");
            thread.lines().limit(40).forEach(line -> busy.append(line).append('\n'));
          }
        }
      } catch (IOException e) {
        busy.append("instance ").append(instance).append(": no dump (").append(e).append(")\n");
      }
    }
    return busy.toString();
  }

  private static boolean isServing(String prefix) {
    for (int instance = 0; instance < INSTANCES; instance++) {
      if (http(instance).put(prefix + "probe", "{\"value\": 0}").statusCode() / 100 != 2) {
        return false;
      }
    }
    return true;
  }

  private static List<Scrape> scrapes() throws Exception {
    List<Scrape> scrapes = new ArrayList<>();
    for (MicroServer server : servers) {
      URL base = URI.create("http://127.0.0.1:" + server.port() + "/").toURL();
      scrapes.add(Scrape.of(base));
    }
    return scrapes;
  }

  private static long deletedSince(List<Scrape> before) throws Exception {
    List<Scrape> now = scrapes();
    long deleted = 0;
    for (int i = 0; i < INSTANCES; i++) {
      deleted += (long) now.get(i).since(before.get(i), "kv_expiry_deleted_keys_total");
    }
    return deleted;
  }
}
