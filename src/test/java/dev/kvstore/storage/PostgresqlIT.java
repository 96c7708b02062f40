package dev.kvstore.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kvstore.it.Http;
import dev.kvstore.it.MicroServer;
import dev.kvstore.it.Postgresql;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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
 * S10, S11, X6 on PostgreSQL: the same jar, chosen by {@code KV_DB_URL} alone, on databases this
 * test creates and drops; part of the suite's PostgreSQL run only.
 */
class PostgresqlIT {

  private static final List<String> databases = new ArrayList<>();
  private static Path itDir;

  @BeforeAll
  static void requirePostgresql() throws Exception {
    assumeTrue(Postgresql.isSelected(), "PostgreSQL only: runs in the PostgreSQL run of the suite");
    assumeTrue(Postgresql.isReachable(), Postgresql.UNREACHABLE);
    itDir = Path.of(System.getProperty("kvstore.itDir"));
    Files.createDirectories(itDir);
  }

  @AfterAll
  static void dropDatabases() throws Exception {
    for (String database : databases) {
      Postgresql.dropDatabase(database);
    }
  }

  private static String database(String purpose) throws Exception {
    String database = Postgresql.createDatabase(purpose);
    databases.add(database);
    return database;
  }

  private static Path dataDir(String name) {
    return itDir.resolve("postgresql-" + name + "-" + UUID.randomUUID());
  }

  private static Path log(Path dataDir) {
    return dataDir.resolveSibling(dataDir.getFileName() + ".log");
  }

  private static int rows(String database) throws Exception {
    try (Connection connection = Postgresql.connect(database);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM KV_ENTRY")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  @Test
  void s10TheSameJarServesFromPostgresqlAndKeepsItsDataAcrossARestart() throws Exception {
    String database = database("serve");
    Path data = dataDir("serve");
    Map<String, String> env = Postgresql.environment(database);
    try (MicroServer server = MicroServer.start(data, log(data), env)) {
      Http http = server.http();
      assertEquals(201, http.post("mykey/", "{\"value\": \"hello\", \"ttl\": 600}").statusCode());
      assertEquals(201, http.put("B", "{\"value\": 1}").statusCode());
      assertEquals(201, http.put("a", "{\"value\": 2}").statusCode());
      http.post("c/incr", "");
      assertEquals(2, Http.json(http.post("c/incr", "")).getInt("value"));
      JsonObject info = Http.json(http.get("_info"));
      assertTrue(info.getString("backend").startsWith("PostgreSQL"), info.toString());
      assertEquals(4, info.getInt("keys"));
      String listing = http.get("_keys").body();
      assertTrue(
          listing.indexOf("\"B\"") < listing.indexOf("\"a\""),
          "keys in code point order, as on Derby: " + listing);
      assertTrue(server.logContains("backend PostgreSQL"), "the start-up line names it");
    }
    assertEquals(4, rows(database), "the rows are in PostgreSQL");
    try (MicroServer again = MicroServer.start(data, log(data), env)) {
      JsonObject read = Http.json(again.http().get("mykey"));
      assertEquals("\"hello\"", read.get("value").toString());
      assertTrue(read.getInt("ttl_remaining") > 500);
    }
  }

  @Test
  void s10ConcurrentFirstWritersAllSucceedAndLeaveOneRow() throws Exception {
    String database = database("race");
    Path data = dataDir("race");
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try (MicroServer server =
        MicroServer.start(data, log(data), Postgresql.environment(database))) {
      for (int round = 0; round < 10; round++) {
        String key = "race-" + round;
        List<Callable<HttpResponse<String>>> writers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          String value = "{\"value\": " + i + "}";
          writers.add(() -> server.http().put(key, value));
        }
        Map<Integer, Integer> statuses = new HashMap<>();
        for (Future<HttpResponse<String>> answer : pool.invokeAll(writers)) {
          statuses.merge(answer.get().statusCode(), 1, Integer::sum);
        }
        assertEquals(Map.of(201, 1, 200, 15), statuses, key);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(10, rows(database));
  }

  @Test
  void x6TwoInstancesWhoseClocksDifferByTenMinutesAgreeOnEveryTtl() throws Exception {
    String database = database("clocks");
    Path ahead = dataDir("ahead");
    Path behind = dataDir("behind");
    Map<String, String> env = Postgresql.environment(database);
    try (MicroServer a = MicroServer.start(ahead, log(ahead), skewed(env, 300));
        MicroServer b = MicroServer.start(behind, log(behind), skewed(env, -300))) {
      JsonObject set = Http.json(a.http().put("clocked", "{\"value\": 1, \"ttl\": 100}"));
      JsonObject read = Http.json(b.http().get("clocked"));
      assertEquals(set.getString("expires_at"), read.getString("expires_at"));
      int remaining = read.getInt("ttl_remaining");
      assertTrue(remaining >= 98 && remaining <= 100, "one clock, not two: " + remaining);

      assertEquals(200, b.http().put("clocked", "{\"value\": 2, \"ttl\": 60}").statusCode());
      JsonObject again = Http.json(a.http().get("clocked"));
      assertEquals(2, again.getInt("value"), "a write through one is read through the other");
      assertTrue(again.getInt("ttl_remaining") >= 58, again.toString());
      assertTrue(again.getInt("ttl_remaining") <= 60, again.toString());
    }
  }

  private static Map<String, String> skewed(Map<String, String> env, int seconds) {
    Map<String, String> skewed = new HashMap<>(env);
    skewed.put("KV_CLOCK_SKEW_SECONDS", Integer.toString(seconds));
    return skewed;
  }

  @Test
  void s11APostgresqlThatMayLoseCommitsIsRefusedAtStart() throws Exception {
    String database = database("async");
    Postgresql.execute("postgres", "ALTER DATABASE " + database + " SET synchronous_commit = off");
    Path data = dataDir("async");
    int status = MicroServer.exitStatusOfStart(data, log(data), Postgresql.environment(database));
    assertEquals(78, status);
    assertTrue(
        Files.readString(log(data))
            .contains(
                "kvstore cannot start: PostgreSQL's synchronous_commit is off: acknowledged writes"
                    + " could be lost in a crash; turn it on"));
  }
}
