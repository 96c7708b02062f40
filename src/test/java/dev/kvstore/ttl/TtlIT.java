package dev.kvstore.ttl;

import static dev.kvstore.it.Http.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.it.Deployments;
import dev.kvstore.it.Http;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** T1–T2: TTL, EXPIRE, EXPIREAT and PERSIST over HTTP. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TtlIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.kvstore();
  }

  @ArquillianResource URL base;

  @Test
  void theTtlOfAKeyIsReadSetAndRemoved() {
    Http http = new Http(base);
    String key = uniqueKey("ttl");
    http.put(key, "{\"value\": \"kept\"}");
    JsonObject none = Http.json(http.get(key + "/ttl"));
    assertEquals(key, none.getString("key"));
    assertEquals(-1, none.getInt("ttl_remaining"));
    assertTrue(none.isNull("expires_at"));

    JsonObject set = Http.json(http.put(key + "/ttl", "{\"ttl\": 100}"));
    assertEquals(100, set.getInt("ttl_remaining"));
    assertEquals(set.get("expires_at"), Http.json(http.get(key + "/ttl/")).get("expires_at"));

    String at = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS).toString();
    JsonObject atSet = Http.json(http.put(key + "/ttl", "{\"expires_at\": \"" + at + "\"}"));
    assertEquals(at, atSet.getString("expires_at"));

    JsonObject persisted = Http.json(http.delete(key + "/ttl"));
    assertEquals(-1, persisted.getInt("ttl_remaining"));
    JsonObject entry = Http.json(http.get(key));
    assertEquals("kept", entry.getString("value"));
    assertTrue(entry.isNull("expires_at"));
  }

  @Test
  void t2ATtlChangeKeepsTheValueAndWritesANewVersion() {
    Http http = new Http(base);
    String key = uniqueKey("version");
    http.put(key, "{\"value\": [1, 2]}");
    String before = http.get(key).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> changed = http.put(key + "/ttl", "{\"ttl\": 50}");
    String after = changed.headers().firstValue("ETag").orElseThrow();
    assertNotEquals(before, after);
    assertEquals(after, http.get(key).headers().firstValue("ETag").orElseThrow());
    assertEquals("[1,2]", Http.json(http.get(key)).get("value").toString());
  }

  @Test
  void t2ATtlChangeOnAMissingKeyIsA404() {
    Http http = new Http(base);
    String key = uniqueKey("missing");
    assertEquals(404, http.put(key + "/ttl", "{\"ttl\": 5}").statusCode());
    assertEquals(404, http.delete(key + "/ttl").statusCode());
    assertEquals(404, http.get(key + "/ttl").statusCode());
    assertEquals(404, http.get(key).statusCode(), "nothing was created");
  }

  @Test
  void t2ATtlChangeDoesNotResurrectAnExpiredKey() {
    Http http = new Http(base);
    String key = uniqueKey("expired");
    http.put(key, "{\"value\": \"old\", \"ttl\": 1}");
    http.advanceClock(2);
    HttpResponse<String> expire = http.put(key + "/ttl", "{\"ttl\": 100}");
    assertEquals(404, expire.statusCode());
    assertEquals("{\"error\":\"Key not found (expired)\"}", expire.body());
    assertEquals("{\"error\":\"Key not found\"}", http.delete(key + "/ttl").body());
    assertEquals(404, http.get(key).statusCode());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"ttl\": 5, \"expires_at\": \"2999-01-01T00:00:00Z\"}",
        "{\"keep_ttl\": true}",
        "{\"ttl\": 0}",
        "{\"ttl\": \"5\"}",
        "{\"expires_at\": \"2001-01-01T00:00:00Z\"}",
        "{\"ttl\": 5, \"value\": 1}",
        "5"
      })
  void t1ABadTtlChangeIsA400AndChangesNothing(String body) {
    Http http = new Http(base);
    String key = uniqueKey("bad");
    http.put(key, "{\"value\": 1, \"ttl\": 1000}");
    String before = http.stored(key);
    assertEquals(400, http.put(key + "/ttl", body).statusCode());
    assertEquals(before, http.stored(key));
  }

  @Test
  void aTtlChangeHonoursIfMatch() {
    Http http = new Http(base);
    String key = uniqueKey("cas");
    http.put(key, "{\"value\": 1}");
    String before = http.stored(key);
    HttpResponse<String> stale =
        http.send("PUT", key + "/ttl", "{\"ttl\": 5}", "application/json", "If-Match", "\"0\"");
    assertEquals(412, stale.statusCode());
    assertEquals(
        412, http.send("DELETE", key + "/ttl", null, null, "If-Match", "\"0\"").statusCode());
    assertEquals(before, http.stored(key));
  }
}
