package dev.kvstore.expiry;

import static dev.kvstore.it.Http.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.it.Deployments;
import dev.kvstore.it.Http;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * E3, E5 and X1–X4: time is moved by the test deployment's adjustable clock, never slept for. The
 * sweep's timer is set to a day in the tests, so it runs only where a test calls it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExpiryIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.kvstore();
  }

  @ArquillianResource URL base;

  private static List<String> expiredKeys(Http http, int limit) {
    String body = http.post("_test/expired-keys?limit=" + limit, "").body();
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readArray().getValuesAs(JsonString.class).stream()
          .map(JsonString::getString)
          .toList();
    }
  }

  private static JsonObject sweep(Http http) {
    return Http.json(http.post("_test/sweep", ""));
  }

  @Test
  void e5AnExpiredEntryIsAbsentBeforeTheSweepRunsAndTheReadRemovesIt() {
    Http http = new Http(base);
    String key = uniqueKey("lazy");
    assertEquals(201, http.put(key, "{\"value\": 1, \"ttl\": 5}").statusCode());
    assertEquals(200, http.get(key).statusCode());
    http.advanceClock(5);
    HttpResponse<String> expired = http.get(key);
    assertEquals(404, expired.statusCode());
    assertEquals("{\"error\":\"Key not found (expired)\"}", expired.body());
    assertEquals("{\"error\":\"Key not found\"}", http.get(key).body());
  }

  @Test
  void e3AKeyIsLiveUntilItsExpiryInstant() {
    Http http = new Http(base);
    String key = uniqueKey("edge");
    assertEquals(201, http.put(key, "{\"value\": 1, \"ttl\": 100}").statusCode());
    http.advanceClock(90);
    HttpResponse<String> live = http.get(key);
    assertEquals(200, live.statusCode());
    assertTrue(Http.json(live).getInt("ttl_remaining") <= 10, live.body());
    http.advanceClock(10);
    assertEquals(404, http.get(key).statusCode());
  }

  @Test
  void e3HeadAndDeleteOfAnExpiredKeyAnswer404() {
    Http http = new Http(base);
    String headed = uniqueKey("head");
    String deleted = uniqueKey("delete");
    http.put(headed, "{\"value\": 1, \"ttl\": 1}");
    http.put(deleted, "{\"value\": 1, \"ttl\": 1}");
    http.advanceClock(2);
    assertEquals(404, http.send("HEAD", headed, null, null).statusCode());
    HttpResponse<String> delete = http.delete(deleted);
    assertEquals(404, delete.statusCode());
    assertEquals("{\"error\":\"Key not found (expired)\"}", delete.body());
  }

  @Test
  void e3SetOnAnExpiredKeyCreatesAFreshEntryWithoutTheOldTtl() {
    Http http = new Http(base);
    String key = uniqueKey("reborn");
    http.put(key, "{\"value\": \"old\", \"ttl\": 1}");
    http.advanceClock(2);
    HttpResponse<String> set = http.put(key, "{\"value\": \"new\", \"keep_ttl\": true}");
    assertEquals(201, set.statusCode());
    assertEquals("created", Http.json(set).getString("action"));
    assertTrue(Http.json(set).isNull("expires_at"));
    assertEquals("new", Http.json(http.get(key)).getString("value"));
  }

  /** The same through the one-UPDATE overwrite of a plain SET: an expired row is not live. */
  @Test
  void e3APlainSetOnAnExpiredKeyCreatesAFreshEntry() {
    Http http = new Http(base);
    String key = uniqueKey("plain-reborn");
    http.put(key, "{\"value\": \"old\", \"ttl\": 1}");
    long oldVersion = Http.json(http.get(key)).getJsonNumber("version").longValueExact();
    http.advanceClock(2);
    HttpResponse<String> set = http.put(key, "{\"value\": \"new\", \"ttl\": 60}");
    assertEquals(201, set.statusCode());
    assertEquals("created", Http.json(set).getString("action"));
    JsonObject read = Http.json(http.get(key));
    assertEquals("new", read.getString("value"));
    assertEquals(60, read.getInt("ttl_remaining"));
    assertTrue(read.getJsonNumber("version").longValueExact() > oldVersion);
    HttpResponse<String> again = http.put(key, "{\"value\": \"newer\"}");
    assertEquals(200, again.statusCode(), "a live key is updated");
    assertEquals(
        -1, Http.json(http.get(key)).getInt("ttl_remaining"), "a plain SET clears the TTL");
  }

  @Test
  void x2TheSweepDeletesOnlyExpiredEntries() {
    Http http = new Http(base);
    String expiring = uniqueKey("expiring");
    String later = uniqueKey("later");
    String forever = uniqueKey("forever");
    http.put(expiring, "{\"value\": 1, \"ttl\": 1}");
    http.put(later, "{\"value\": 2, \"ttl\": 3600}");
    http.put(forever, "{\"value\": 3}");
    http.advanceClock(2);
    assertTrue(expiredKeys(http, 100_000).contains(expiring));

    assertTrue(sweep(http).getInt("deleted") >= 1);

    assertFalse(expiredKeys(http, 100_000).contains(expiring));
    assertEquals(
        "{\"error\":\"Key not found\"}", http.get(expiring).body(), "gone before the read");
    assertEquals(200, http.get(later).statusCode());
    assertEquals(200, http.get(forever).statusCode());
  }

  @Test
  void x2ABatchRemovesAtMostItsLimit() {
    Http http = new Http(base);
    List<String> keys = IntStream.range(0, 5).mapToObj(i -> uniqueKey("batch" + i)).toList();
    keys.forEach(k -> http.put(k, "{\"value\": 1, \"ttl\": 1}"));
    http.advanceClock(2);
    assertEquals("3", http.post("_test/remove-expired?limit=3", "").body());
    assertTrue(expiredKeys(http, 100_000).size() >= 2);
  }

  @Test
  void x2OneSweepWorksThroughManyBatchesAndKeepsStatistics() {
    Http http = new Http(base);
    JsonObject before = sweep(http);
    List<String> keys = IntStream.range(0, 120).mapToObj(i -> uniqueKey("many" + i)).toList();
    keys.forEach(k -> assertEquals(201, http.put(k, "{\"value\": 1, \"ttl\": 1}").statusCode()));
    http.advanceClock(2);
    JsonObject after = sweep(http);

    int deleted = after.getInt("deleted");
    assertTrue(deleted >= 120, "deleted " + deleted + " with batches of 50");
    assertEquals(before.getInt("runs") + 1, after.getInt("runs"));
    assertEquals(before.getInt("total") + deleted, after.getInt("total"));
    assertEquals(deleted, after.getInt("last_deleted"));
    assertFalse(after.getString("last_run").isEmpty());
    assertEquals(List.of(), expiredKeys(http, 10));
    keys.forEach(k -> assertEquals(404, http.get(k).statusCode()));
  }

  @Test
  void x3AKeyRefreshedAfterItWasPickedSurvivesTheDelete() {
    Http http = new Http(base);
    String key = uniqueKey("refreshed");
    http.put(key, "{\"value\": \"old\", \"ttl\": 1}");
    http.advanceClock(2);
    List<String> picked = expiredKeys(http, 100_000);
    assertTrue(picked.contains(key));

    http.put(key, "{\"value\": \"new\", \"ttl\": 3600}");
    JsonArray keys = Json.createArrayBuilder(picked).build();
    http.post("_test/delete-if-expired", keys.toString());

    assertEquals("new", Http.json(http.get(key)).getString("value"));
  }
}
