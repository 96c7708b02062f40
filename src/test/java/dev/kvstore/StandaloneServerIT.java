package dev.kvstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.it.Http;
import dev.kvstore.it.JarServers;
import dev.kvstore.it.MicroServer;
import dev.kvstore.it.Postgresql;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server as the README starts it, at the context root with {@code server-config}: K1 (no
 * platform path shadows a key) and R1 (a client's mistake leaves no stack trace in the log).
 */
@ExtendWith(JarServers.class)
class StandaloneServerIT {

  private static MicroServer server;

  @BeforeAll
  static void start(MicroServer shared) {
    server = shared;
  }

  @ParameterizedTest
  @ValueSource(strings = {"health", "metrics", "openapi"})
  void k1APlatformEndpointsNameIsAnOrdinaryKey(String name) {
    Http http = server.http();
    String value = "\"" + UUID.randomUUID() + "\"";
    assertTrue(http.put(name, "{\"value\": " + value + "}").statusCode() / 100 == 2);
    assertEquals(value, Http.json(http.get(name)).get("value").toString());
    assertEquals(200, http.get("_" + name).statusCode(), "the platform serves it at /_" + name);
  }

  @Test
  void i1InfoCountsTheLiveKeysAndThoseWithATtl() {
    Http http = server.http();
    JsonObject before = Http.json(http.get("_info"));
    http.put(Http.uniqueKey("info"), "{\"value\": 1}");
    http.put(Http.uniqueKey("info"), "{\"value\": 2}");
    http.put(Http.uniqueKey("info"), "{\"value\": 3, \"ttl\": 100}");
    JsonObject after = Http.json(http.get("_info"));
    assertEquals(before.getInt("keys") + 3, after.getInt("keys"));
    assertEquals(before.getInt("expiring_keys") + 1, after.getInt("expiring_keys"));
    assertTrue(after.getString("version").matches("\\d+\\.\\d+\\.\\d+.*"), after.toString());
    String backend = Postgresql.isSelected() ? "PostgreSQL" : "Apache Derby";
    assertTrue(after.getString("backend").startsWith(backend), after.toString());
    assertTrue(after.getInt("uptime_seconds") >= 0);
    assertTrue(after.getJsonObject("sweep").containsKey("runs"));
  }

  @Test
  void h1h2TheServerIsLiveAndReadyWhileTheDatabaseAnswers() {
    JsonObject ready = Http.json(server.http().get("_health/ready"));
    assertEquals("UP", ready.getString("status"));
    assertEquals("database", ready.getJsonArray("checks").getJsonObject(0).getString("name"));
    assertEquals(200, server.http().get("_health/live").statusCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET k2", "GET missing-key", "GET _x", "TRACE k2", "GET a/b/c"})
  void k2EveryAnswerIsNosniffJsonWithoutServerHeaders(String request) {
    String[] parts = request.split(" ");
    server.http().put("k2", "{\"value\": 1}");
    var response = server.http().send(parts[0], parts[1], null, null);
    assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    assertTrue(response.headers().firstValue("Server").isEmpty(), "no Server header");
    assertTrue(response.headers().firstValue("X-Powered-By").isEmpty(), "no X-Powered-By");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PUT bad {\"value\": 1",
        "PUT bad {\"tll\": 1}",
        "PUT _bad {\"value\": 1}",
        "PATCH bad {}",
        "PURGE bad",
        "TRACE bad",
        "GET a/b/c",
        "DELETE never-written"
      })
  void r1AClientsMistakeIsAnsweredAndNotLogged(String request) throws Exception {
    String[] parts = request.split(" ", 3);
    String body = parts.length > 2 ? parts[2] : null;
    int logged = server.log().length(); // the server is shared: what this request logged
    int status = server.http().send(parts[0], parts[1], body, "application/json").statusCode();
    assertEquals(4, status / 100);
    String log = server.log().substring(logged);
    assertFalse(log.contains("\tat "), "a stack trace in the log: " + log);
    assertFalse(log.contains("Exception"), "an exception in the log: " + log);
  }
}
