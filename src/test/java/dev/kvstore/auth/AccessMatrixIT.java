package dev.kvstore.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.it.Http;
import dev.kvstore.it.JarServers;
import dev.kvstore.it.MicroServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A1, A2, A5: every endpoint and method × every kind of caller → the expected status; for tokens
 * with a prefix, a key outside it answers exactly the same whether it exists or not, and is left as
 * it was.
 */
@ExtendWith(JarServers.class)
class AccessMatrixIT {

  private static String admin;
  private static final String PREFIX = "inside:";

  /** What an endpoint needs: to read, to write, or to manage tokens. */
  private enum Needs {
    READ,
    WRITE,
    ADMIN
  }

  /** An endpoint; {@code {k}} in the path and body stands for a key made for each request. */
  private record Endpoint(String method, String path, String body, String type, Needs needs) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("GET", "{k}", null, null, Needs.READ),
          new Endpoint("HEAD", "{k}", null, null, Needs.READ),
          new Endpoint("PUT", "{k}", "{\"value\": 2}", "application/json", Needs.WRITE),
          new Endpoint("POST", "{k}", "{\"value\": 2}", "application/json", Needs.WRITE),
          new Endpoint("PATCH", "{k}", "{\"m\": 2}", "application/merge-patch+json", Needs.WRITE),
          new Endpoint("DELETE", "{k}", null, null, Needs.WRITE),
          new Endpoint("GET", "{k}/ttl", null, null, Needs.READ),
          new Endpoint("PUT", "{k}/ttl", "{\"ttl\": 100}", "application/json", Needs.WRITE),
          new Endpoint("DELETE", "{k}/ttl", null, null, Needs.WRITE),
          new Endpoint("POST", "{k}/incr", "{}", "application/json", Needs.WRITE),
          new Endpoint("POST", "{k}/decr", "{}", "application/json", Needs.WRITE),
          new Endpoint("GET", "_keys?prefix={k}", null, null, Needs.READ),
          new Endpoint("DELETE", "_keys?prefix={k}", null, null, Needs.WRITE),
          new Endpoint(
              "POST",
              "_batch",
              "{\"ops\": [{\"op\": \"get\", \"key\": \"{k}\"}]}",
              "application/json",
              Needs.READ),
          new Endpoint(
              "POST",
              "_batch",
              "{\"ops\": [{\"op\": \"incr\", \"key\": \"{k}\"}]}",
              "application/json",
              Needs.WRITE),
          new Endpoint("GET", "_tokens", null, null, Needs.ADMIN),
          new Endpoint("POST", "_tokens", "{\"scope\": \"read\"}", "application/json", Needs.ADMIN),
          new Endpoint("DELETE", "_tokens/{t}", null, null, Needs.ADMIN));

  private static final List<String> CALLERS =
      List.of(
          "none",
          "malformed",
          "unknown",
          "revoked",
          "read",
          "write",
          "admin",
          "read-prefix",
          "write-prefix");

  private static MicroServer server;
  private static Map<String, String[]> headers;

  @BeforeAll
  static void start(JarServers.Secured secured) {
    server = secured.server();
    admin = secured.adminToken();
    JsonObject revoked = issue("{\"scope\": \"admin\"}");
    assertEquals(200, admin().delete("_tokens/" + revoked.getString("id")).statusCode());
    headers =
        Map.of(
            "none", new String[0],
            "malformed", new String[] {"Authorization", "Token abc"},
            "unknown", bearer("kv_0123456789abcdef01234567_unknown"),
            "revoked", bearer(revoked.getString("token")),
            "read", bearer(token("{\"scope\": \"read\"}")),
            "write", bearer(token("{\"scope\": \"write\"}")),
            "admin", bearer(admin),
            "read-prefix", bearer(token("{\"scope\": \"read\", \"prefix\": \"" + PREFIX + "\"}")),
            "write-prefix",
                bearer(token("{\"scope\": \"write\", \"prefix\": \"" + PREFIX + "\"}")));
  }

  private static Http admin() {
    return server.http().bearer(admin);
  }

  /** Issues a token: its answer (id, token, scope, prefix). */
  private static JsonObject issue(String body) {
    HttpResponse<String> issued = admin().post("_tokens", body);
    assertEquals(201, issued.statusCode(), issued.body());
    return Http.json(issued);
  }

  private static String token(String body) {
    return issue(body).getString("token");
  }

  private static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (Endpoint endpoint : ENDPOINTS) {
      for (String caller : CALLERS) {
        cells.add(Arguments.of(endpoint, caller));
      }
    }
    return cells.stream();
  }

  /** A key that exists, with a counter value, with or without the prefix. */
  private static String existingKey(boolean inside) {
    String key = (inside ? PREFIX : "outside:") + UUID.randomUUID();
    assertEquals(201, admin().put(key, "{\"value\": 1}").statusCode());
    return key;
  }

  private static HttpResponse<String> send(Endpoint endpoint, String caller, String key) {
    String tokenId = "0123456789abcdef01234567";
    if (endpoint.path().contains("{t}")) {
      tokenId = issue("{\"scope\": \"read\"}").getString("id");
    }
    String path = endpoint.path().replace("{k}", Http.path(key)).replace("{t}", tokenId);
    String body = endpoint.body() == null ? null : endpoint.body().replace("{k}", key);
    return server
        .http()
        .with(headers.get(caller))
        .send(endpoint.method(), path, body, endpoint.type());
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("cells")
  void everyEndpointAnswersEveryCallerAsItsScopeAndPrefixAllow(Endpoint endpoint, String caller) {
    HttpResponse<String> inside = send(endpoint, caller, existingKey(true));
    int status = inside.statusCode();
    switch (caller) {
      case "none", "malformed", "unknown", "revoked" -> assertEquals(401, status, inside.body());
      case "admin" -> assertAllowed(inside);
      case "write", "write-prefix" -> assertAllowedIf(endpoint.needs() != Needs.ADMIN, inside);
      default -> assertAllowedIf(endpoint.needs() == Needs.READ, inside);
    }
    if (caller.endsWith("-prefix") && endpoint.path().contains("{k}")
        || caller.endsWith("-prefix") && endpoint.path().equals("_batch")) {
      boolean scopeAllows =
          endpoint.needs() == Needs.READ
              || endpoint.needs() == Needs.WRITE && caller.startsWith("write");
      assertOutsideKeysAreInvisible(endpoint, caller, scopeAllows);
    }
  }

  private static void assertOutsideKeysAreInvisible(
      Endpoint endpoint, String caller, boolean scopeAllows) {
    String existing = existingKey(false);
    String missing = "outside:" + UUID.randomUUID();
    String before = admin().stored(existing);
    HttpResponse<String> toExisting = send(endpoint, caller, existing);
    HttpResponse<String> toMissing = send(endpoint, caller, missing);
    assertEquals(toMissing.statusCode(), toExisting.statusCode(), "status reveals nothing");
    assertEquals(
        toMissing.body().replace(missing, "K"),
        toExisting.body().replace(existing, "K"),
        "message reveals nothing");
    assertFalse(toExisting.body().contains("\"value\""), toExisting.body());
    assertEquals(before, admin().stored(existing), "left as it was");
    if (endpoint.path().startsWith("_keys") && scopeAllows) {
      assertEquals(200, toExisting.statusCode());
      assertTrue(
          toExisting.body().contains("\"entries\":[]")
              || toExisting.body().contains("\"deleted\":0"));
    } else {
      assertEquals(403, toExisting.statusCode(), toExisting.body());
    }
  }

  private static void assertAllowedIf(boolean allowed, HttpResponse<String> response) {
    if (allowed) {
      assertAllowed(response);
    } else {
      assertEquals(403, response.statusCode(), response.body());
    }
  }

  private static void assertAllowed(HttpResponse<String> response) {
    assertTrue(
        response.statusCode() != 401 && response.statusCode() != 403 && response.statusCode() < 500,
        response.statusCode() + " " + response.body());
  }
}
