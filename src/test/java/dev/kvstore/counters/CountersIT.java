package dev.kvstore.counters;

import static dev.kvstore.it.Http.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.it.Deployments;
import dev.kvstore.it.Http;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** C1–C5 over HTTP. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CountersIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.kvstore();
  }

  @ArquillianResource URL base;

  private static JsonObject count(Http http, String key, String direction, String body) {
    HttpResponse<String> response =
        body == null
            ? http.send("POST", key + "/" + direction, null, null)
            : http.post(key + "/" + direction, body);
    assertEquals(200, response.statusCode(), response.body());
    return Http.json(response);
  }

  @Test
  void c4AMissingKeyCountsFromZeroAndAnEmptyBodyCountsByOne() {
    Http http = new Http(base);
    String key = uniqueKey("count");
    JsonObject first = count(http, key, "incr", null);
    assertEquals(key, first.getString("key"));
    assertEquals(1, first.getInt("value"));
    assertEquals(-1, first.getInt("ttl_remaining"));
    assertEquals(2, count(http, key, "incr", null).getInt("value"));
    assertEquals(7, count(http, key, "incr", "{\"by\": 5}").getInt("value"));
    assertEquals(4, count(http, key, "decr", "{\"by\": 3}").getInt("value"));
    assertEquals(3, count(http, key, "decr", null).getInt("value"));
    assertEquals(-2, count(http, key, "decr/", "{\"by\": 5}").getInt("value"));
    assertEquals("-2", Http.json(http.get(key)).get("value").toString());
  }

  @Test
  void c3AFractionalIncrementIsExactDecimalArithmetic() {
    Http http = new Http(base);
    String key = uniqueKey("decimal");
    http.put(key, "{\"value\": 40}");
    HttpResponse<String> response = http.post(key + "/incr", "{\"by\": 0.1}");
    assertTrue(response.body().contains("\"value\":40.1,"), response.body());
    assertEquals("40.1", Http.json(http.get(key)).get("value").toString());
    assertEquals("40", count(http, key, "decr", "{\"by\": 0.1}").get("value").toString());
  }

  @Test
  void c2AnOverflowIsA409AndTheValueIsUnchanged() {
    Http http = new Http(base);
    String key = uniqueKey("overflow");
    http.put(key, "{\"value\": 9223372036854775807}");
    String before = http.stored(key);
    HttpResponse<String> response = http.post(key + "/incr", "");
    assertEquals(409, response.statusCode());
    assertEquals(before, http.stored(key));
    http.put(key, "{\"value\": -9223372036854775808}");
    assertEquals(409, http.post(key + "/decr", "").statusCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"five\"", "{\"n\": 1}", "[1]", "true", "null"})
  void c3ANonNumericValueIsA409AndUnchanged(String value) {
    Http http = new Http(base);
    String key = uniqueKey("text");
    http.put(key, "{\"value\": " + value + "}");
    String before = http.stored(key);
    assertEquals(409, http.post(key + "/incr", "").statusCode());
    assertEquals(before, http.stored(key));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"by\": \"5\"}",
        "{\"by\": true}",
        "{\"by\": 9223372036854775808}",
        "{\"by\": 1e-5000}",
        "{\"bye\": 1}",
        "{\"by\": 1, \"ttl\": 0}",
        "[1]",
        "{\"by\": 1"
      })
  void c1ABadIncrementIsA400AndChangesNothing(String body) {
    Http http = new Http(base);
    String key = uniqueKey("bad");
    http.put(key, "{\"value\": 10}");
    String before = http.stored(key);
    HttpResponse<String> response = http.post(key + "/incr", body);
    assertEquals(400, response.statusCode(), response.body());
    assertEquals(before, http.stored(key));
    String never = uniqueKey("never");
    assertEquals(400, http.post(never + "/incr", body).statusCode());
    assertEquals(404, http.get(never).statusCode(), "a refused increment creates nothing");
  }

  @Test
  void c4ACreatedCounterGetsItsTtlAndIncrementsKeepIt() {
    Http http = new Http(base);
    String key = uniqueKey("ttl");
    JsonObject created = count(http, key, "incr", "{\"ttl\": 100}");
    assertTrue(created.getInt("ttl_remaining") > 90);
    String expiresAt = Http.json(http.get(key)).getString("expires_at");
    count(http, key, "incr", "{\"by\": 2, \"ttl\": 5}");
    JsonObject after = Http.json(http.get(key));
    assertEquals(3, after.getInt("value"));
    assertEquals(expiresAt, after.getString("expires_at"), "an existing TTL is kept");
  }

  @Test
  void c4AnIncrementOfAnExpiredKeyRestartsAtZeroWithoutTtl() {
    Http http = new Http(base);
    String key = uniqueKey("expired");
    http.put(key, "{\"value\": 41, \"ttl\": 1}");
    http.advanceClock(2);
    JsonObject restarted = count(http, key, "incr", null);
    assertEquals(1, restarted.getInt("value"));
    assertEquals(-1, restarted.getInt("ttl_remaining"));
  }

  @Test
  void anIncrementHonoursIfMatch() {
    Http http = new Http(base);
    String key = uniqueKey("cas");
    http.put(key, "{\"value\": 1}");
    String etag = http.get(key).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> stale =
        http.send("POST", key + "/incr", "", "application/json", "If-Match", "\"0\"");
    assertEquals(412, stale.statusCode());
    HttpResponse<String> current =
        http.send("POST", key + "/incr", "", "application/json", "If-Match", etag);
    assertEquals(200, current.statusCode());
    assertEquals(2, Http.json(current).getInt("value"));
  }

  @Test
  void c5SixteenThreadsTimesTwoHundredIncrementsCountExactly3200() throws Exception {
    Http http = new Http(base);
    String key = uniqueKey("concurrent");
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Long>> failures = new ArrayList<>();
      for (int thread = 0; thread < 16; thread++) {
        failures.add(
            pool.submit(
                () -> {
                  long failed = 0;
                  for (int i = 0; i < 200; i++) {
                    if (http.post(key + "/incr", "").statusCode() != 200) {
                      failed++;
                    }
                  }
                  return failed;
                }));
      }
      for (Future<Long> failed : failures) {
        assertEquals(0, failed.get(5, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(3200, Http.json(http.get(key)).getInt("value"));
  }
}
