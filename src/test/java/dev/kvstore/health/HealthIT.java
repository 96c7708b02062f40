package dev.kvstore.health;

import static dev.kvstore.it.Http.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kvstore.it.DatabaseOutage;
import dev.kvstore.it.Deployments;
import dev.kvstore.it.Http;
import dev.kvstore.it.Postgresql;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * H1 and H2 against a database that really goes away: the test deployment shuts the embedded
 * database down and keeps it from booting ({@code /_test/database-offline}); the test puts its
 * files back ({@link DatabaseOutage#end}). The application is deployed at {@code /kvstore} here, so
 * Payara serves its health endpoint at the server's root.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {

  /** Readiness waits 2 s for the database; the rest is slack for a busy machine. */
  private static final Duration READINESS_ANSWER_BOUND = Duration.ofSeconds(5);

  /** How long the pool may take to serve again once the database is back. */
  private static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);

  /** Concurrent requests: enough to make the pool hold (and later hand out) several connections. */
  private static final int CLIENTS = 12;

  @Deployment
  static WebArchive deployment() {
    return Deployments.kvstore();
  }

  @ArquillianResource URL base;

  /** The server's root, where Payara answers {@code /_health}. */
  private Http server() {
    return new Http("http://127.0.0.1:" + base.getPort() + "/");
  }

  /** Where the test server keeps its database (arquillian.xml: kv.data.dir). */
  private static Path dataDir() {
    return Path.of(System.getProperty("kvstore.itDir", "target/it"), "derby");
  }

  /**
   * S12: the pool keeps prepared statements on embedded Derby only; on PostgreSQL, discarding the
   * pool after an outage would cancel each running one through the stalled server.
   */
  @Test
  void s12ThePoolKeepsPreparedStatementsOnDerbyOnly() {
    HttpResponse<String> reuse = new Http(base).post("_test/statement-reuse", "");
    assertEquals(200, reuse.statusCode(), reuse.body());
    assertEquals(Boolean.toString(!Postgresql.isSelected()), reuse.body());
  }

  @Test
  void h1ReadyIsUpWhileTheDatabaseAnswers() {
    HttpResponse<String> ready = server().get("_health/ready");
    assertEquals(200, ready.statusCode(), ready.body());
    assertEquals("UP", Http.json(ready).getString("status"));
    assertEquals("UP", databaseCheck(Http.json(ready)).getString("status"));
  }

  @Test
  void h1ReadinessIsDownWhileTheDatabaseIsOfflineAndUpWhenItReturns() throws Exception {
    Http http = new Http(base);
    Http server = server();
    String key = uniqueKey("health");
    assertEquals(201, http.put(key, "{\"value\": {\"kept\": [1, 2, 3]}}").statusCode());
    String stored = http.stored(key);
    // several connections in the pool, each of them dead once the database is shut down
    assertAllAnswer(200, concurrently(i -> http.get(key)));
    try {
      takeDatabaseOffline(http);

      HttpResponse<String> ready = timedReadiness(server);
      assertEquals(503, ready.statusCode(), ready.body());
      assertEquals("DOWN", Http.json(ready).getString("status"));
      assertEquals("DOWN", databaseCheck(Http.json(ready)).getString("status"));
      assertUnavailable(http.get(key));
      assertUnavailable(http.put(key, "{\"value\": \"while offline\"}"));
      HttpResponse<String> live = server.get("_health/live");
      assertEquals(200, live.statusCode(), live.body());
      assertEquals("UP", Http.json(live).getString("status"));
      assertEquals(503, timedReadiness(server).statusCode());
    } finally {
      // the other test classes use this database after this one
      bringDatabaseOnline();
    }

    awaitReady(server);
    assertEquals(stored, http.stored(key));
    assertAllAnswer(200, concurrently(i -> http.get(key)));
    String written = uniqueKey("health-after");
    assertEquals(201, http.put(written, "{\"value\": 2}").statusCode());
    assertEquals(2, Http.json(http.get(written)).getInt("value"));
    assertEquals(200, http.put(key, "{\"value\": \"after\"}").statusCode());
    assertEquals("after", Http.json(http.get(key)).getString("value"));
  }

  /** Derby is shut down by the server itself; PostgreSQL refuses connections to the database. */
  private static void takeDatabaseOffline(Http http) throws SQLException {
    if (Postgresql.isSelected()) {
      Postgresql.takeOffline(Postgresql.databaseOfRun("arquillian"));
    } else {
      assertEquals(200, http.post("_test/database-offline", "").statusCode());
    }
  }

  private static void bringDatabaseOnline() throws IOException, SQLException {
    if (Postgresql.isSelected()) {
      Postgresql.bringOnline(Postgresql.databaseOfRun("arquillian"));
    } else {
      DatabaseOutage.end(dataDir());
    }
  }

  /** Readiness, which must answer within its bound whatever the database does. */
  private static HttpResponse<String> timedReadiness(Http http) {
    long start = System.nanoTime();
    HttpResponse<String> ready = http.get("_health/ready");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(READINESS_ANSWER_BOUND) < 0, "readiness took " + took);
    return ready;
  }

  /** Polls readiness until it is up: the pool needs a moment to replace its dead connections. */
  private static void awaitReady(Http http) throws InterruptedException {
    long deadline = System.nanoTime() + RECOVERY_BOUND.toNanos();
    HttpResponse<String> ready = timedReadiness(http);
    while (ready.statusCode() != 200) {
      if (System.nanoTime() > deadline) {
        fail("not ready " + RECOVERY_BOUND + " after the database returned: " + ready.body());
      }
      Thread.sleep(200);
      ready = timedReadiness(http);
    }
    assertEquals("UP", databaseCheck(Http.json(ready)).getString("status"));
  }

  private static JsonObject databaseCheck(JsonObject health) {
    return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(check -> check.getString("name").equals("database"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no database check in " + health));
  }

  /** A refusal the client can act on: JSON that says so, and when to retry. */
  private static void assertUnavailable(HttpResponse<String> response) {
    assertEquals(503, response.statusCode(), response.body());
    assertEquals("5", response.headers().firstValue("Retry-After").orElse(""));
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        response.headers().toString());
    JsonValue error = Http.json(response).get("error");
    assertFalse(error == null || error.getValueType() != JsonValue.ValueType.STRING, "no error");
  }

  private static void assertAllAnswer(int status, List<HttpResponse<String>> responses) {
    List<Integer> statuses = responses.stream().map(HttpResponse::statusCode).toList();
    assertTrue(statuses.stream().allMatch(s -> s == status), statuses.toString());
  }

  private static List<HttpResponse<String>> concurrently(
      Function<Integer, HttpResponse<String>> request) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        int client = i;
        answers.add(clients.submit(() -> request.apply(client)));
      }
      List<HttpResponse<String>> responses = new ArrayList<>();
      for (Future<HttpResponse<String>> answer : answers) {
        responses.add(answer.get());
      }
      return responses;
    } finally {
      clients.shutdownNow();
    }
  }
}
