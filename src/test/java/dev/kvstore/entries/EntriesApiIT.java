package dev.kvstore.entries;

import static dev.kvstore.it.Http.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.it.Deployments;
import dev.kvstore.it.Http;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's API over HTTP, black box: E1–E8 as a client sees them. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EntriesApiIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.kvstore();
  }

  @ArquillianResource URL base;

  @Test
  void theSeedsReadmeExamplesWork() {
    Http http = new Http(base);
    String key = uniqueKey("mykey");
    HttpResponse<String> created = http.post(key + "/", "{\"value\": \"hello\", \"ttl\": 60}");
    assertEquals(201, created.statusCode(), created.body());
    JsonObject set = Http.json(created);
    assertEquals("ok", set.getString("status"));
    assertEquals("created", set.getString("action"));
    assertEquals(key, set.getString("key"));
    Instant expiresAt = Instant.parse(set.getString("expires_at"));
    assertTrue(set.getString("expires_at").endsWith("Z"));
    long ttl = Duration.between(Instant.now(), expiresAt).toSeconds();
    assertTrue(ttl > 50 && ttl <= 60, "ttl " + ttl);

    HttpResponse<String> read = http.get(key + "/");
    assertEquals(200, read.statusCode());
    JsonObject got = Http.json(read);
    assertEquals(key, got.getString("key"));
    assertEquals("hello", got.getString("value"));
    assertTrue(got.getInt("ttl_remaining") > 50 && got.getInt("ttl_remaining") <= 60);
    assertEquals(set.getString("expires_at"), got.getString("expires_at"));

    HttpResponse<String> updated = http.post(key + "/", "{\"value\": \"world\"}");
    assertEquals(200, updated.statusCode());
    assertEquals("updated", Http.json(updated).getString("action"));
    assertEquals(-1, Http.json(http.get(key + "/")).getInt("ttl_remaining"));

    HttpResponse<String> deleted = http.delete(key + "/");
    assertEquals(200, deleted.statusCode());
    assertEquals(
        "{\"status\":\"ok\",\"action\":\"deleted\",\"key\":\"" + key + "\"}", deleted.body());
    HttpResponse<String> missing = http.get(key + "/");
    assertEquals(404, missing.statusCode());
    assertEquals("{\"error\":\"Key not found\"}", missing.body());
  }

  @Test
  void theSetAnswerHasTheSeedsFieldsInTheSeedsOrder() {
    Http http = new Http(base);
    String key = uniqueKey("order");
    HttpResponse<String> created = http.put(key, "{\"value\": 1}");
    assertEquals(
        "{\"status\":\"ok\",\"action\":\"created\",\"key\":\"" + key + "\",\"expires_at\":null}",
        created.body());
    assertEquals("application/json", created.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith("/" + key));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"nested\":{\"list\":[1,[2,[3]],{\"x\":null}]}}",
        "[]",
        "{}",
        "\"é ü 名前 😀 \\\" \\\\ \\n \\t \\u0001\"",
        "true",
        "false",
        "null",
        "9223372036854775807",
        "-9223372036854775808",
        "12345678901234567890123",
        "0.1",
        "1.50",
        "-0.000001"
      })
  void e7AnyJsonValueRoundTripsUnchanged(String value) {
    Http http = new Http(base);
    String key = uniqueKey("value");
    assertEquals(201, http.put(key, "{\"value\":" + value + "}").statusCode());
    String body = http.get(key).body();
    String expected =
        "{\"key\":\""
            + key
            + "\",\"value\":"
            + value
            + ",\"ttl_remaining\":-1,\"expires_at\":null,";
    assertTrue(body.startsWith(expected), body);
  }

  @Test
  void e1UnicodeKeysWorkThroughPercentEncoding() {
    Http http = new Http(base);
    String key = "été:名前:😀 " + UUID.randomUUID();
    assertEquals(201, http.put(Http.path(key), "{\"value\": 1}").statusCode());
    HttpResponse<String> read = http.get(Http.path(key) + "/");
    assertEquals(200, read.statusCode());
    assertEquals(key, Http.json(read).getString("key"));
    String longest = "😀".repeat(500) + UUID.randomUUID().toString().substring(0, 12);
    assertEquals(201, http.put(Http.path(longest), "{\"value\": 2}").statusCode());
    assertEquals(longest, Http.json(http.get(Http.path(longest))).getString("key"));
  }

  @Test
  void e13ASemicolonInThePathIsPartOfTheKeyNotAMatrixParameter() {
    Http http = new Http(base);
    String stem = uniqueKey("semi");
    String key = stem + ";x=1";
    HttpResponse<String> created = http.put(key + "?unused=1", "{\"value\": 1}");
    assertEquals(201, created.statusCode(), created.body());
    assertEquals(key, Http.json(created).getString("key"));
    assertEquals(404, http.get(stem).statusCode(), "no other key is written");
    assertEquals(key, Http.json(http.get(stem + "%3Bx=1")).getString("key"));
    assertEquals(200, http.post(key + "/incr", "{\"by\": 1}").statusCode());
    assertEquals("2", Http.json(http.get(key + "/")).get("value").toString());
    assertEquals(200, http.delete(key).statusCode());
    assertEquals(404, http.get(stem + "%3Bx=1").statusCode());
  }

  @Test
  void theTrailingSlashIsOptional() {
    Http http = new Http(base);
    String key = uniqueKey("slash");
    assertEquals(201, http.post(key + "/", "{\"value\": 1}").statusCode());
    assertEquals(200, http.get(key).statusCode());
    assertEquals(200, http.put(key, "{\"value\": 2}").statusCode());
    assertEquals("2", Http.json(http.get(key + "/")).get("value").toString());
    assertEquals(200, http.delete(key + "/").statusCode());
  }

  @Test
  void e8APlainSetClearsTheTtlAndKeepTtlKeepsIt() {
    Http http = new Http(base);
    String key = uniqueKey("ttl");
    String expiresAt =
        Http.json(http.put(key, "{\"value\": 1, \"ttl\": 100}")).getString("expires_at");
    JsonObject kept = Http.json(http.put(key, "{\"value\": 2, \"keep_ttl\": true}"));
    assertEquals(expiresAt, kept.getString("expires_at"));
    assertEquals(expiresAt, Http.json(http.get(key)).getString("expires_at"));
    JsonObject cleared = Http.json(http.put(key, "{\"value\": 3}"));
    assertTrue(cleared.isNull("expires_at"));
    assertEquals(-1, Http.json(http.get(key)).getInt("ttl_remaining"));
  }

  @Test
  void e2ExpiresAtSetsThatInstant() {
    Http http = new Http(base);
    String key = uniqueKey("at");
    String at =
        Instant.now()
            .plusSeconds(3600)
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            .toString();
    JsonObject set = Http.json(http.put(key, "{\"value\": 1, \"expires_at\": \"" + at + "\"}"));
    assertEquals(at, set.getString("expires_at"));
    JsonObject got = Http.json(http.get(key));
    assertEquals(at, got.getString("expires_at"));
    assertTrue(Math.abs(got.getInt("ttl_remaining") - 3600) <= 2);
  }

  @Test
  void e4EveryWriteGivesANewVersionNeverReusedAfterDeleteAndRecreate() {
    Http http = new Http(base);
    String key = uniqueKey("version");
    HttpResponse<String> first = http.put(key, "{\"value\": 1}");
    long v1 = version(http, key);
    assertEquals("\"" + v1 + "\"", first.headers().firstValue("ETag").orElseThrow());
    http.put(key, "{\"value\": 1}");
    long v2 = version(http, key);
    assertTrue(v2 > v1);
    http.delete(key);
    http.put(key, "{\"value\": 1}");
    long v3 = version(http, key);
    assertTrue(v3 > v2, v3 + " after " + v2);
    assertEquals("\"" + v3 + "\"", http.get(key).headers().firstValue("ETag").orElseThrow());
  }

  /**
   * S15: a value long enough to be streamed to the database (here 80,000 UTF-16 units, 140 kB of
   * UTF-8, with characters of two and four bytes) is stored exactly by every way of writing it: a
   * first PUT (insert), a PUT over a live key (one UPDATE), a conditional PUT and a merge patch
   * (locked read, then UPDATE), an atomic batch's set.
   */
  @Test
  void s15LargeValuesAreStoredExactlyByEveryWayOfWritingThem() {
    Http http = new Http(base);
    String key = uniqueKey("large");
    String[] texts = new String[5];
    for (int i = 0; i < texts.length; i++) {
      texts[i] = (i + "é😀x").repeat(16_000);
    }
    assertEquals(201, http.put(key, value(texts[0])).statusCode());
    assertEquals(texts[0], storedText(http, key));
    assertEquals(200, http.put(key, value(texts[1])).statusCode());
    assertEquals(texts[1], storedText(http, key));
    String etag = http.get(key).headers().firstValue("ETag").orElseThrow();
    var conditional = http.send("PUT", key, value(texts[2]), "application/json", "If-Match", etag);
    assertEquals(200, conditional.statusCode(), conditional.body());
    assertEquals(texts[2], storedText(http, key));
    var patched =
        http.send("PATCH", key, "{\"text\": \"" + texts[3] + "\"}", "application/merge-patch+json");
    assertEquals(200, patched.statusCode(), patched.body());
    assertEquals(texts[3], storedText(http, key));
    var batch =
        http.post(
            "_batch",
            "{\"ops\": [{\"op\": \"set\", \"key\": \""
                + key
                + "\", \"value\": {\"text\": \""
                + texts[4]
                + "\"}}]}");
    assertEquals(200, batch.statusCode(), batch.body());
    assertEquals(texts[4], storedText(http, key));
  }

  private static String value(String text) {
    return "{\"value\": {\"text\": \"" + text + "\"}}";
  }

  private static String storedText(Http http, String key) {
    HttpResponse<String> read = http.get(key);
    assertEquals(200, read.statusCode());
    return Http.json(read).getJsonObject("value").getString("text");
  }

  @Test
  void headAnswersLikeGetWithoutABody() {
    Http http = new Http(base);
    String key = uniqueKey("head");
    http.put(key, "{\"value\": \"x\"}");
    HttpResponse<String> present = http.send("HEAD", key, null, null);
    assertEquals(200, present.statusCode());
    assertEquals("", present.body());
    assertFalse(present.headers().firstValue("ETag").isEmpty());
    assertEquals(404, http.send("HEAD", uniqueKey("absent"), null, null).statusCode());
  }

  @Test
  void deletingAMissingKeyIsA404() {
    HttpResponse<String> response = new Http(base).delete(uniqueKey("never"));
    assertEquals(404, response.statusCode());
    assertEquals("{\"error\":\"Key not found\"}", response.body());
  }

  private static long version(Http http, String key) {
    long version = Http.json(http.get(key)).getJsonNumber("version").longValueExact();
    assertNotEquals(0, version);
    return version;
  }
}
