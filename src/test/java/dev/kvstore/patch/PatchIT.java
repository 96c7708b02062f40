package dev.kvstore.patch;

import static dev.kvstore.it.Http.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.it.Deployments;
import dev.kvstore.it.Http;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** P1–P4, and J6 for a PATCH, over HTTP. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PatchIT {

  private static final String MERGE = JsonPatches.MERGE_PATCH;
  private static final String PATCH = JsonPatches.JSON_PATCH;

  @Deployment
  static WebArchive deployment() {
    return Deployments.kvstore();
  }

  @ArquillianResource URL base;

  private static String stored(Http http) {
    String key = uniqueKey("doc");
    http.put(key, "{\"value\": {\"a\": 1, \"b\": {\"c\": 2}}, \"ttl\": 1000}");
    return key;
  }

  @Test
  void p1AMergePatchUpdatesPartOfTheValueAndKeepsTheTtl() {
    Http http = new Http(base);
    String key = stored(http);
    String expiresAt = Http.json(http.get(key)).getString("expires_at");
    HttpResponse<String> patched =
        http.send("PATCH", key, "{\"b\": {\"c\": null, \"d\": 0.1}, \"e\": true}", MERGE);
    assertEquals(200, patched.statusCode(), patched.body());
    JsonObject body = Http.json(patched);
    assertEquals("{\"a\":1,\"b\":{\"d\":0.1},\"e\":true}", body.get("value").toString());
    assertEquals(expiresAt, body.getString("expires_at"));
    JsonObject stored = Http.json(http.get(key));
    assertEquals(body.get("value"), stored.get("value"));
    assertEquals(body.get("version"), stored.get("version"));
    assertEquals(patched.headers().firstValue("ETag"), http.get(key).headers().firstValue("ETag"));
  }

  @Test
  void p1AJsonPatchAppliesItsOperations() {
    Http http = new Http(base);
    String key = stored(http);
    String operations =
        "[{\"op\": \"test\", \"path\": \"/a\", \"value\": 1},"
            + " {\"op\": \"replace\", \"path\": \"/a\", \"value\": 2},"
            + " {\"op\": \"move\", \"from\": \"/b/c\", \"path\": \"/c\"}]";
    HttpResponse<String> patched = http.send("PATCH", key + "/", operations, PATCH);
    assertEquals(200, patched.statusCode(), patched.body());
    assertEquals("{\"a\":2,\"b\":{},\"c\":2}", Http.json(http.get(key)).get("value").toString());
  }

  @Test
  void p1AJsonPatchReplacesTheWholeValueWithAnyJsonValue() {
    Http http = new Http(base);
    String key = stored(http);
    String toNumber = "[{\"op\": \"replace\", \"path\": \"\", \"value\": 5}]";
    assertEquals(200, http.send("PATCH", key, toNumber, PATCH).statusCode());
    assertEquals("5", Http.json(http.get(key)).get("value").toString());
    String onNumber =
        "[{\"op\": \"test\", \"path\": \"\", \"value\": 5},"
            + " {\"op\": \"replace\", \"path\": \"\", \"value\": \"five\"}]";
    HttpResponse<String> patched = http.send("PATCH", key, onNumber, PATCH);
    assertEquals(200, patched.statusCode(), patched.body());
    assertEquals("\"five\"", Http.json(http.get(key)).get("value").toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[{\"op\": \"test\", \"path\": \"/a\", \"value\": 99}]",
        "[{\"op\": \"remove\", \"path\": \"/nowhere\"}]",
        "[{\"op\": \"replace\", \"path\": \"/a\", \"value\": 5}, {\"op\": \"test\", \"path\": \"/x\", \"value\": 1}]"
      })
  void p3APatchThatDoesNotFitIsA409AndChangesNothing(String operations) {
    Http http = new Http(base);
    String key = stored(http);
    String before = http.stored(key);
    HttpResponse<String> refused = http.send("PATCH", key, operations, PATCH);
    assertEquals(409, refused.statusCode());
    assertTrue(Http.json(refused).getString("error").contains("operations["), refused.body());
    assertEquals(before, http.stored(key));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"op\": \"add\"}", "[{\"op\": \"jump\", \"path\": \"/a\"}]", "[{", ""})
  void p2AMalformedPatchIsA400AndChangesNothing(String operations) {
    Http http = new Http(base);
    String key = stored(http);
    String before = http.stored(key);
    assertEquals(400, http.send("PATCH", key, operations, PATCH).statusCode());
    assertEquals(before, http.stored(key));
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "text/plain"})
  void p1AnotherMediaTypeIsA415(String type) {
    Http http = new Http(base);
    String key = stored(http);
    assertEquals(415, http.send("PATCH", key, "{\"a\": 2}", type).statusCode());
  }

  @Test
  void p4APatchOfAMissingKeyIsA404AndCreatesNothing() {
    Http http = new Http(base);
    String key = uniqueKey("missing");
    assertEquals(404, http.send("PATCH", key, "{\"a\": 1}", MERGE).statusCode());
    assertEquals(404, http.get(key).statusCode());
  }

  @Test
  void p4APatchWhoseResultIsTooLargeIsA413() {
    Http http = new Http(base);
    String key = uniqueKey("large");
    String half = "\"" + "x".repeat(600_000) + "\"";
    http.put(key, "{\"value\": {\"a\": " + half + "}}");
    String before = http.stored(key);
    assertEquals(413, http.send("PATCH", key, "{\"b\": " + half + "}", MERGE).statusCode());
    assertEquals(before, http.stored(key));
  }

  @Test
  void j6ALargePatchThatFindsNoRoomForItsTreesInTimeIsA503AndWaitsItsTurnOtherwise() {
    Http http = new Http(base);
    String key = stored(http);
    String before = http.stored(key);
    String large = "{\"pad\": \"" + "x".repeat(70_000) + "\"}";
    http.holdTreeBudget(3_000); // the ITs wait 2 s (kv.lock.timeout-seconds)

    HttpResponse<String> refused = http.send("PATCH", key, large, MERGE);
    assertEquals(503, refused.statusCode(), refused.body());
    assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(Http.json(refused).getString("error").contains("retry"), refused.body());
    assertEquals(before, http.stored(key));
    assertEquals(200, http.send("PATCH", key, "{\"a\": 5}", MERGE).statusCode()); // small: no wait
    HttpResponse<String> waited = http.send("PATCH", key, large, MERGE);
    assertEquals(200, waited.statusCode(), waited.body());
    assertEquals(70_000, Http.json(waited).getJsonObject("value").getString("pad").length());
  }

  @Test
  void aPatchHonoursIfMatch() {
    Http http = new Http(base);
    String key = stored(http);
    String etag = http.get(key).headers().firstValue("ETag").orElseThrow();
    assertEquals(
        412, http.send("PATCH", key, "{\"a\": 5}", MERGE, "If-Match", "\"0\"").statusCode());
    assertEquals(200, http.send("PATCH", key, "{\"a\": 5}", MERGE, "If-Match", etag).statusCode());
  }
}
