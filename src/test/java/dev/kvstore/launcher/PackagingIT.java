package dev.kvstore.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.kvstore.it.Http;
import dev.kvstore.it.JarServers;
import dev.kvstore.it.MicroServer;
import dev.kvstore.it.Postgresql;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * U1–U4, G2, S1, S2, S9, A3 and I3 on {@code java -jar target/kvstore.jar}, the way operators run
 * it: the environment sets it up, SIGTERM stops it, a restart keeps everything, and a wrong setting
 * stops it at once with one line.
 */
@ExtendWith(JarServers.class)
class PackagingIT {

  /** Refusals that come before any database is opened: the Derby run checks them for both. */
  private static final String ONCE = "independent of the database: checked in the Derby run";

  private static Path itDir;

  @BeforeAll
  static void directory() throws Exception {
    itDir = Path.of(System.getProperty("kvstore.itDir"));
    Files.createDirectories(itDir);
    // the databases this test opens itself log there, not into the working directory
    System.setProperty("derby.stream.error.file", itDir.resolve("derby-packaging.log").toString());
  }

  private static Path dataDir(String name) {
    return itDir.resolve(name + "-" + UUID.randomUUID());
  }

  /**
   * A refused start is one line: no stack trace through kvstore's code. Payara's own boot may log
   * one of its own (a race in its configuration transactions, seen once); that is not the refusal.
   */
  private static void assertNoStackTraceFromKvstore(String log) {
    assertFalse(
        log.lines()
            .anyMatch(
                line ->
                    line.strip().startsWith("at dev.kvstore.")
                        || line.contains("Exception") && line.contains("dev.kvstore")),
        "one line, no stack trace from kvstore");
  }

  private static Path log(Path dataDir) {
    return dataDir.resolveSibling(dataDir.getFileName() + ".log");
  }

  /** U1 on the shared server with no token: the Quick start's first command, as it starts it. */
  @Test
  void u1TheJarServesTheSeedExamplesOnKvPortAndSaysSoInOneLine(MicroServer server)
      throws Exception {
    String backend = Postgresql.isSelected() ? "PostgreSQL" : "Apache Derby";
    Http http = server.http();
    String key = "mykey/"; // as in the README
    var created = http.post(key, "{\"value\": \"hello\", \"ttl\": 60}");
    assertEquals(201, created.statusCode(), created.body());
    var read = Http.json(http.get(key));
    assertEquals("\"hello\"", read.get("value").toString());
    assertEquals(60, read.getInt("ttl_remaining"));
    assertEquals(200, http.delete(key).statusCode());
    assertEquals("{\"error\":\"Key not found\"}", http.get(key).body());

    String line = "started: port " + server.port() + ", backend " + backend;
    assertEquals(1, server.log().lines().filter(l -> l.contains(line)).count(), line);
    assertEquals(
        !Postgresql.isSelected(),
        Files.isDirectory(server.dataDir().resolve("kvstore")),
        "Derby's database is in KV_DATA_DIR");
  }

  /**
   * U2, S1, S9 and A3 in one restart (each start of the jar takes seconds): SIGTERM serves through
   * the grace and closes the database; started again on the same data, the server has every entry
   * verbatim, every expiry instant (a restart never resets a TTL), versions that go on, the tokens
   * and their revocations.
   */
  @Test
  void u2OnSigtermItServesThroughTheGraceThenClosesTheDatabaseAndARestartKeepsEverything()
      throws Exception {
    Path data = dataDir("grace");
    String adminToken = "admin-" + UUID.randomUUID();
    Map<String, String> env = Map.of("KV_ADMIN_TOKEN", adminToken);
    MicroServer server =
        MicroServer.start(
            data,
            log(data),
            Map.of("KV_SHUTDOWN_GRACE_SECONDS", "3", "KV_ADMIN_TOKEN", adminToken));
    Http http = server.http().bearer(adminToken);
    assertEquals(201, http.put("before", "{\"value\": 1}").statusCode());
    assertEquals(
        201, http.put("plain", "{\"value\": {\"n\": 12345678901234567890123}}").statusCode());
    assertEquals(201, http.put("expiring", "{\"value\": \"soon\", \"ttl\": 3600}").statusCode());
    JsonObject expiring = Http.json(http.get("expiring"));
    String kept = Http.json(http.post("_tokens", "{\"scope\": \"read\"}")).getString("token");
    JsonObject revoked = Http.json(http.post("_tokens", "{\"scope\": \"read\"}"));
    assertEquals(200, http.delete("_tokens/" + revoked.getString("id")).statusCode());

    server.sigterm();
    assertEquals(200, http.get("before").statusCode(), "served during the grace period");
    assertEquals(201, http.put("during", "{\"value\": 2}").statusCode());
    assertEquals(143, server.awaitExit(), "ended by SIGTERM, by itself");

    if (!Postgresql.isSelected()) {
      String derbyLog = Files.readString(MicroServer.derbyLog(data));
      assertTrue(
          derbyLog.contains("Shutting down instance") || derbyLog.contains("D002"),
          "Derby records the database's shutdown (D002):\n" + derbyLog);
    }
    try (MicroServer again = MicroServer.start(data, log(data), env)) {
      Http after = again.http().bearer(adminToken);
      assertEquals("1", Http.json(after.get("before")).get("value").toString());
      assertEquals("2", Http.json(after.get("during")).get("value").toString());
      assertEquals(
          "{\"n\":12345678901234567890123}", Http.json(after.get("plain")).get("value").toString());
      JsonObject expiringAfter = Http.json(after.get("expiring"));
      assertEquals(expiring.getString("expires_at"), expiringAfter.getString("expires_at"));
      assertTrue(expiringAfter.getInt("ttl_remaining") <= expiring.getInt("ttl_remaining"));
      assertEquals(200, after.put("expiring", "{\"value\": \"again\"}").statusCode());
      long version = Http.json(after.get("expiring")).getJsonNumber("version").longValueExact();
      assertTrue(
          version > expiring.getJsonNumber("version").longValueExact(),
          "versions go on after a restart");

      String missing = "restart:" + UUID.randomUUID();
      assertEquals(404, again.http().bearer(kept).get(missing).statusCode(), "a kept token");
      assertEquals(
          401,
          again.http().bearer(revoked.getString("token")).get(missing).statusCode(),
          "a revoked token stays refused");
    }
  }

  /**
   * On Derby every table and index kvstore creates is stored in 32 KiB pages, the size Derby gives
   * a table with a CLOB itself: one page size, whose buffers Derby's page cache reuses from page to
   * page (bench/results/2026-11-29-10.md).
   */
  @Test
  void s2EveryTableAndIndexOnDerbyHasOnePageSize() throws Exception {
    assumeFalse(Postgresql.isSelected(), "Derby's storage");
    Path data = dataDir("pages");
    MicroServer server =
        MicroServer.start(data, log(data), Map.of("KV_SHUTDOWN_GRACE_SECONDS", "0"));
    server.sigterm();
    assertEquals(143, server.awaitExit());

    assertOnePageSize(data);
  }

  /**
   * S2 on a database created before the scripts asked for 32 KiB pages: the expiry index, in 4 KiB
   * pages, is built again in 32 KiB ones at start, and every entry is kept.
   */
  @Test
  void s2AnOlderDatabaseGetsItsExpiryIndexRebuiltInThatPageSize() throws Exception {
    assumeFalse(Postgresql.isSelected(), "Derby's storage");
    Path data = dataDir("older-pages");
    long expiresAt = System.currentTimeMillis() + 3_600_000;
    EmbeddedDataSource derby = derby(data);
    derby.setCreateDatabase("create");
    try (Connection connection = derby.getConnection();
        Statement statement = connection.createStatement()) {
      String script =
          new String(
              PackagingIT.class
                  .getResourceAsStream("/META-INF/sql/derby-kv_entry.sql")
                  .readAllBytes(),
              StandardCharsets.UTF_8);
      for (String sql : script.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!sql.isBlank() && !sql.strip().startsWith("CALL")) { // the schema as it was before
          statement.execute(sql);
        }
      }
      statement.execute(
          "INSERT INTO KV_ENTRY VALUES ('kept', '\"older\"', " + expiresAt + ", 1, 0, 0)");
    } finally {
      shutDown(derby);
    }
    assertEquals(4096, pageSizes(data).get("KV_ENTRY KV_ENTRY_EXPIRES_AT"), "as it was");

    MicroServer server =
        MicroServer.start(data, log(data), Map.of("KV_SHUTDOWN_GRACE_SECONDS", "0"));
    JsonObject kept = Http.json(server.http().get("kept"));
    assertEquals("\"older\"", kept.get("value").toString());
    assertEquals(Instant.ofEpochMilli(expiresAt).toString(), kept.getString("expires_at"));
    server.sigterm();
    assertEquals(143, server.awaitExit());
    assertOnePageSize(data);
  }

  private static void assertOnePageSize(Path data) throws SQLException {
    Map<String, Integer> pageSizes = pageSizes(data);
    assertEquals(5, pageSizes.size(), "two tables, their keys, the expiry index: " + pageSizes);
    assertEquals(Set.of(32768), Set.copyOf(pageSizes.values()), pageSizes.toString());
  }

  /** The page size of each table and index of kvstore's, by table and name. */
  private static Map<String, Integer> pageSizes(Path data) throws SQLException {
    EmbeddedDataSource derby = derby(data);
    Map<String, Integer> pageSizes = new TreeMap<>();
    try (Connection connection = derby.getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : List.of("KV_ENTRY", "KV_TOKEN")) {
        try (ResultSet rows =
            statement.executeQuery(
                "SELECT CONGLOMERATENAME, PAGESIZE FROM TABLE(SYSCS_DIAG.SPACE_TABLE('APP', '"
                    + table
                    + "')) T")) {
          while (rows.next()) {
            pageSizes.put(table + " " + rows.getString(1), rows.getInt(2));
          }
        }
      }
    } finally {
      shutDown(derby);
    }
    return pageSizes;
  }

  private static EmbeddedDataSource derby(Path data) {
    EmbeddedDataSource derby = new EmbeddedDataSource();
    derby.setDatabaseName(data.resolve("kvstore").toString());
    return derby;
  }

  private static void shutDown(EmbeddedDataSource derby) {
    derby.setCreateDatabase(null);
    derby.setShutdownDatabase("shutdown");
    SQLException closed = assertThrows(SQLException.class, derby::getConnection);
    assertEquals("08006", closed.getSQLState(), "the database shut down");
  }

  @Test
  void g2AWrongSettingStopsTheStartWithOneLineNamingIt() throws Exception {
    assumeFalse(Postgresql.isSelected(), ONCE);
    Path data = dataDir("bad-interval");
    int status =
        MicroServer.exitStatusOfStart(
            data, log(data), Map.of("KV_EXPIRY_SWEEP_INTERVAL_SECONDS", "-1"));
    assertEquals(78, status);
    String log = Files.readString(log(data));
    assertEquals(
        1,
        log.lines()
            .filter(
                l ->
                    l.contains(
                        "kvstore cannot start: kv.expiry.sweep.interval-seconds"
                            + " (KV_EXPIRY_SWEEP_INTERVAL_SECONDS) must be a whole number of at"
                            + " least 1, not \"-1\""))
            .count(),
        log);
    assertNoStackTraceFromKvstore(log);
  }

  @Test
  void g2ADataDirectoryThatIsAFileStopsTheStart() throws Exception {
    assumeFalse(Postgresql.isSelected(), ONCE);
    Path file = dataDir("file");
    Files.writeString(file, "not a directory");
    int status = MicroServer.exitStatusOfStart(file, log(file), Map.of());
    assertEquals(78, status);
    String log = Files.readString(log(file));
    assertTrue(
        log.contains("kvstore cannot start: kv.data.dir (KV_DATA_DIR) must name a directory"), log);
    assertNoStackTraceFromKvstore(log);
  }

  @Test
  void u3APortThatIsNoPortStopsTheLaunchWithOneLine() throws Exception {
    assumeFalse(Postgresql.isSelected(), ONCE);
    Path data = dataDir("bad-port");
    int status = MicroServer.exitStatusOfStart(data, log(data), Map.of("KV_PORT", "http"));
    assertEquals(78, status);
    assertEquals(
        "kvstore cannot start: KV_PORT must be a whole number from 1 to 65535, not \"http\"",
        Files.readString(log(data)).strip());
  }
}
