package dev.kvstore.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.it.Http;
import dev.kvstore.it.JarServers;
import dev.kvstore.it.MicroServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A1–A5 on the shared server started with {@code KV_ADMIN_TOKEN} ({@link JarServers}), on a data
 * directory of its own (tokens end protected mode, which the other servers rely on). That tokens
 * and revocations survive a restart is checked in {@code PackagingIT}'s restart.
 */
@ExtendWith(JarServers.class)
class SecurityIT {

  private static String adminToken;

  private static MicroServer server;

  @BeforeAll
  static void start(JarServers.Secured secured) {
    server = secured.server();
    adminToken = secured.adminToken();
  }

  private static Http anonymous() {
    return server.http();
  }

  private static Http admin() {
    return server.http().bearer(adminToken);
  }

  /** Issues a token and returns its answer (id, token, scope, prefix). */
  private static JsonObject issue(String scope, String prefix) {
    String body =
        prefix == null
            ? "{\"scope\": \"" + scope + "\"}"
            : "{\"scope\": \"" + scope + "\", \"prefix\": \"" + prefix + "\"}";
    HttpResponse<String> issued = admin().post("_tokens", body);
    assertEquals(201, issued.statusCode(), issued.body());
    return Http.json(issued);
  }

  private static Http as(JsonObject token) {
    return server.http().bearer(token.getString("token"));
  }

  private static void assertError(int status, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), response.body());
    assertFalse(Http.json(response).getString("error").isBlank());
  }

  @Test
  void a1ARequestWithoutAValidTokenIsA401() {
    HttpResponse<String> none = anonymous().get("k");
    assertError(401, none);
    assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertError(401, anonymous().with("Authorization", "Basic dXNlcjpwYXNz").get("k"));
    assertError(401, anonymous().with("Authorization", "Bearer").get("k"));
    assertError(401, anonymous().bearer("kv_000000000000000000000000_nope").get("k"));
    assertError(401, anonymous().with("X-API-Key", "unknown").get("k"));
    HttpResponse<String> empty = anonymous().with("X-API-Key", "").get("k");
    assertError(401, empty);
    assertTrue(Http.json(empty).getString("error").contains("X-API-Key"), empty.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"token", "access_token", "api_key", "apikey"})
  void a1ATokenInTheQueryStringIsA400(String parameter) {
    assertError(400, admin().get("k?" + parameter + "=" + adminToken));
  }

  @Test
  void a1TheAdminTokenWorksFromEitherHeader() {
    String key = "k:" + UUID.randomUUID();
    assertEquals(201, admin().put(key, "{\"value\": 1}").statusCode());
    assertEquals(200, anonymous().with("X-API-Key", adminToken).get(key).statusCode());
  }

  @Test
  void a1ATokenInBothHeadersIsA400EvenWhenOneIsValid() {
    String key = "k:" + UUID.randomUUID();
    assertEquals(201, admin().put(key, "{\"value\": 1}").statusCode());
    String bearer = "Bearer " + adminToken;
    assertError(
        400,
        anonymous()
            .with("Authorization", bearer, "X-API-Key", "kv_000000000000000000000000_nope")
            .get(key));
    assertError(400, anonymous().with("Authorization", bearer, "X-API-Key", adminToken).get(key));
    assertEquals(200, admin().get(key).statusCode());
  }

  @Test
  void a2ATokenIsShownOnceAndListedWithoutItsSecret() {
    JsonObject issued = issue("read", "shown:");
    String secret = issued.getString("token");
    assertTrue(secret.startsWith("kv_"));
    HttpResponse<String> listed = admin().get("_tokens");
    assertEquals(200, listed.statusCode());
    assertTrue(listed.body().contains(issued.getString("id")));
    // kv_<hex id>_<secret>: the secret is base64url and may itself hold '_'
    String secretPart = secret.substring(secret.indexOf('_', "kv_".length()) + 1);
    assertEquals(43, secretPart.length(), "a 256-bit secret in base64url");
    assertFalse(listed.body().contains(secretPart));
    assertFalse(listed.body().contains("\"token\""));
    assertFalse(server.logContains(secretPart), "never logged");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"scope\": \"root\"}",
        "{\"scope\": \"admin\", \"prefix\": \"a:\"}",
        "{\"scope\": \"read\", \"prefix\": 5}",
        "{\"scope\": \"read\", \"extra\": 1}"
      })
  void aBadTokenRequestIsA400(String body) {
    assertError(400, admin().post("_tokens", body));
  }

  @Test
  void a3ARevokedTokenIsRefusedFromTheNextRequestOn() {
    JsonObject token = issue("write", null);
    String key = "revoke:" + UUID.randomUUID();
    assertEquals(201, as(token).put(key, "{\"value\": 1}").statusCode());
    assertEquals(200, admin().delete("_tokens/" + token.getString("id")).statusCode());
    assertError(401, as(token).get(key));
    assertError(404, admin().delete("_tokens/" + token.getString("id")));
  }

  @Test
  void a2AReadTokenReadsAndIsRefusedEveryWrite() {
    String key = "scope:" + UUID.randomUUID();
    admin().put(key, "{\"value\": 1}");
    Http read = as(issue("read", null));
    assertEquals(200, read.get(key).statusCode());
    assertEquals(200, read.get(key + "/ttl").statusCode());
    assertEquals(200, read.get("_keys?prefix=scope:").statusCode());
    assertEquals(
        200,
        read.post("_batch", "{\"ops\": [{\"op\": \"get\", \"key\": \"" + key + "\"}]}")
            .statusCode());
    assertError(403, read.put(key, "{\"value\": 2}"));
    assertError(403, read.post(key, "{\"value\": 2}"));
    assertError(403, read.delete(key));
    assertError(403, read.post(key + "/incr", ""));
    assertError(403, read.put(key + "/ttl", "{\"ttl\": 5}"));
    assertError(403, read.delete(key + "/ttl"));
    assertError(403, read.send("PATCH", key, "{\"a\": 1}", "application/merge-patch+json"));
    assertError(403, read.delete("_keys?prefix=scope:"));
    assertError(
        403, read.post("_batch", "{\"ops\": [{\"op\": \"incr\", \"key\": \"" + key + "\"}]}"));
    assertError(403, read.get("_tokens"));
    assertEquals(1, Http.json(admin().get(key)).getInt("value"), "nothing changed");
  }

  @Test
  void a2AWriteTokenWritesButDoesNotManageTokens() {
    Http write = as(issue("write", null));
    String key = "write:" + UUID.randomUUID();
    assertEquals(201, write.put(key, "{\"value\": 1}").statusCode());
    assertEquals(200, write.post(key + "/incr", "").statusCode());
    assertEquals(200, write.delete(key).statusCode());
    assertError(403, write.get("_tokens"));
    assertError(403, write.post("_tokens", "{\"scope\": \"admin\"}"));
  }

  @Test
  void a5APrefixTokenCannotTellAKeyOutsideItsPrefixFromAMissingOne() {
    String outside = "secret:" + UUID.randomUUID();
    admin().put(outside, "{\"value\": \"hidden\"}");
    assertEquals(200, admin().get(outside).statusCode(), "read, so the read cache holds it (E15)");
    Http confined = as(issue("write", "mine:"));
    HttpResponse<String> existing = confined.get(outside);
    HttpResponse<String> missing = confined.get("secret:" + UUID.randomUUID());
    assertEquals(403, existing.statusCode());
    assertEquals(missing.statusCode(), existing.statusCode());
    assertEquals(missing.body(), existing.body().replace(outside, ""), "the same answer");
    for (HttpResponse<String> refused :
        List.of(
            confined.put(outside, "{\"value\": 1}"),
            confined.delete(outside),
            confined.post(outside + "/incr", ""),
            confined.put(outside + "/ttl", "{\"ttl\": 5}"),
            confined.send("PATCH", outside, "{\"a\": 1}", "application/merge-patch+json"),
            confined.post(
                "_batch",
                "{\"ops\": [{\"op\": \"set\", \"key\": \"mine:ok\", \"value\": 1},"
                    + " {\"op\": \"get\", \"key\": \""
                    + outside
                    + "\"}]}"))) {
      assertError(403, refused);
      assertFalse(refused.body().contains("hidden"));
    }
    assertEquals("\"hidden\"", Http.json(admin().get(outside)).get("value").toString());
    assertEquals(404, admin().get("mine:ok").statusCode(), "a refused batch applied nothing");
  }

  @Test
  void a5APrefixTokenListsAndDeletesOnlyItsOwnKeys() {
    String mine = "own" + UUID.randomUUID() + ":";
    String theirs = "their" + UUID.randomUUID() + ":";
    Http confined = as(issue("write", mine));
    confined.put(mine + "a", "{\"value\": 1}");
    admin().put(theirs + "b", "{\"value\": 1}");
    String listed = confined.get("_keys?limit=1000").body();
    assertTrue(listed.contains(mine + "a"));
    assertFalse(listed.contains(theirs));
    assertEquals(
        "{\"entries\":[],\"next_cursor\":null}", confined.get("_keys?prefix=" + theirs).body());
    assertFalse(confined.get("_keys?match=*b&limit=1000").body().contains(theirs));
    HttpResponse<String> deleted = confined.delete("_keys?all=true");
    assertEquals(200, deleted.statusCode());
    assertEquals(1, Http.json(deleted).getInt("deleted"));
    assertEquals(200, admin().get(theirs + "b").statusCode());
    assertEquals(404, admin().get(mine + "a").statusCode());
  }

  @Test
  void healthNeedsNoTokenWhileMetricsAndTheApiDocumentNeedAValidOne() {
    assertEquals(200, anonymous().get("_health/ready").statusCode());
    assertEquals(200, anonymous().get("_health/live").statusCode());
    assertError(401, anonymous().get("_metrics"));
    assertError(401, anonymous().get("_openapi"));
    Http read = as(issue("read", "any:"));
    HttpResponse<String> metrics = read.get("_metrics");
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.body().contains("kv_auth_refusals_total"), "the application's series");
    assertEquals(200, read.get("_openapi").statusCode());
  }

  @Test
  void i2InfoNeedsAReadTokenWithoutAPrefix() {
    assertEquals(200, as(issue("read", null)).get("_info").statusCode());
    assertError(403, as(issue("read", "some:")).get("_info"));
    assertError(401, anonymous().get("_info"));
  }
}
