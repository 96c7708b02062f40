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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
  private static MicroServer server;
  private static String servedDatabase;

  @BeforeAll
  static void requirePostgresql() throws Exception {
    assumeTrue(Postgresql.isSelected(), "PostgreSQL only: runs in the PostgreSQL run of the suite");
    assumeTrue(Postgresql.isReachable(), Postgresql.UNREACHABLE);
    itDir = Path.of(System.getProperty("kvstore.itDir"));
    Files.createDirectories(itDir);
  }

  @AfterAll
  static void dropDatabases() throws Exception {
    if (server != null) {
      server.close();
    }
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

  /** Rows whose key starts with {@code prefix}, counted in PostgreSQL itself. */
  private static int rows(String database, String prefix) throws Exception {
    try (Connection connection = Postgresql.connect(database);
        PreparedStatement count =
            connection.prepareStatement("SELECT COUNT(*) FROM KV_ENTRY WHERE ENTRY_KEY LIKE ?")) {
      count.setString(1, prefix + "%"); // the tests' prefixes hold no % or _
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  /** The server of the S10 tests, on a database of its own; started once for them. */
  private static MicroServer served() throws Exception {
    if (server == null) {
      servedDatabase = database("serve");
      Path data = dataDir("serve");
      server = MicroServer.start(data, log(data), Postgresql.environment(servedDatabase));
    }
    return server;
  }

  /**
   * S10 on the jar as operators run it. That its data survives a restart is checked by {@code
   * PackagingIT}'s restart, which the PostgreSQL run of the suite runs on PostgreSQL.
   */
  @Test
  void s10TheSameJarServesFromPostgresql() throws Exception {
    Http http = served().http();
    String prefix = "serve-" + UUID.randomUUID() + ":";
    int keysBefore = Http.json(http.get("_info")).getInt("keys");
    assertEquals(
        201, http.post(prefix + "mykey/", "{\"value\": \"hello\", \"ttl\": 600}").statusCode());
    assertEquals(201, http.put(prefix + "B", "{\"value\": 1}").statusCode());
    assertEquals(201, http.put(prefix + "a", "{\"value\": 2}").statusCode());
    http.post(prefix + "c/incr", "");
    assertEquals(2, Http.json(http.post(prefix + "c/incr", "")).getInt("value"));
    JsonObject info = Http.json(http.get("_info"));
    assertTrue(info.getString("backend").startsWith("PostgreSQL"), info.toString());
    assertEquals(keysBefore + 4, info.getInt("keys"));
    assertEquals(4, rows(servedDatabase, prefix), "the rows are in PostgreSQL");
    String listing = http.get("_keys?prefix=" + prefix).body();
    assertTrue(
        listing.indexOf("\"" + prefix + "B\"") < listing.indexOf("\"" + prefix + "a\""),
        "keys in code point order, as on Derby: " + listing);
    assertTrue(server.logContains("backend PostgreSQL"), "the start-up line names it");
  }

  @Test
  void s10ConcurrentFirstWritersAllSucceedAndLeaveOneRow() throws Exception {
    MicroServer server = served();
    String prefix = "race-" + UUID.randomUUID() + ":";
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (int round = 0; round < 10; round++) {
        String key = prefix + round;
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
    assertEquals(10, rows(servedDatabase, prefix));
  }

  @Test
  void x6TwoInstancesWhoseClocksDifferByTenMinutesAgreeOnEveryTtl() throws Exception {
    String database = database("clocks");
    Path ahead = dataDir("ahead");
    Path behind = dataDir("behind");
    Map<String, String> env = Postgresql.environment(database);
    List<MicroServer> both =
        MicroServer.startAll(
            List.of(
                new MicroServer.Start(ahead, log(ahead), skewed(env, 300)),
                new MicroServer.Start(behind, log(behind), skewed(env, -300))));
    try (MicroServer a = both.get(0);
        MicroServer b = both.get(1)) {
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
