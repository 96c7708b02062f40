package dev.kvstore.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kvstore.it.Http;
import dev.kvstore.it.MicroServer;
import dev.kvstore.it.Postgresql;
import dev.kvstore.it.Scrape;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    for (int i = 0; i < INSTANCES; i++) {
      Path dataDir = itDir.resolve("instance-" + i + "-" + UUID.randomUUID());
      servers.add(
          MicroServer.start(dataDir, dataDir.resolveSibling(dataDir.getFileName() + ".log"), env));
    }
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

  @Test
  void c1ThreeInstancesTimesEightClientsTimesAHundredIncrementsCountExactly() throws Exception {
    String key = "counter-" + UUID.randomUUID();
    List<Callable<List<Integer>>> clients = new ArrayList<>();
    for (int client = 0; client < INSTANCES * 8; client++) {
      Http http = http(client);
      clients.add(
          () -> {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
              statuses.add(http.post(key + "/incr", "").statusCode());
            }
            return statuses;
          });
    }
    List<Integer> statuses = concurrently(clients).stream().flatMap(List::stream).toList();
    assertEquals(2400, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
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
