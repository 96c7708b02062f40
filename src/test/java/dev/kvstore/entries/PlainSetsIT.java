package dev.kvstore.entries;

import static dev.kvstore.it.Http.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.it.Deployments;
import dev.kvstore.it.Http;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * E16 over HTTP: a plain SET, done in front of JAX-RS, answers what JAX-RS answers the same SET
 * sent with a {@code Content-Type} that the filter leaves to it — status, headers and body, for a
 * creation, an update and each refusal — and its write is what the next GET reads.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PlainSetsIT {

  /** Taken by the filter. */
  private static final String PLAIN = "application/json";

  /** The same media type, left to JAX-RS: the filter takes exactly application/json. */
  private static final String VIA_JAX_RS = "application/json; charset=UTF-8";

  @Deployment
  static WebArchive deployment() {
    return Deployments.kvstore();
  }

  @ArquillianResource URL base;

  @Test
  void e16ASetCreatingAndUpdatingAKeyAnswersAsTheResource() {
    Http http = new Http(base);
    String plain = uniqueKey("e16") + "@x~(1)";
    String viaJaxRs = uniqueKey("e16") + "@x~(1)";

    for (String method : List.of("PUT", "POST", "PUT")) {
      String body = "{\"value\": {\"a\": [1, \"é\"]}, \"ttl\": 600}";
      HttpResponse<String> filtered = http.send(method, plain, body, PLAIN);
      HttpResponse<String> resource = http.send(method, viaJaxRs, body, VIA_JAX_RS);

      assertEquals(resource.statusCode(), filtered.statusCode(), method + " " + filtered.body());
      assertEquals(
          normalized(resource.body(), viaJaxRs), normalized(filtered.body(), plain), method);
      assertEquals(headers(resource, viaJaxRs), headers(filtered, plain), method);
    }
    HttpResponse<String> read = http.get(plain);
    assertEquals(200, read.statusCode());
    assertEquals("é", Http.json(read).getJsonObject("value").getJsonArray("a").getString(1));
    assertTrue(Http.json(read).getInt("ttl_remaining") > 590, read.body());
  }

  @Test
  void e16ACreationIsA201WithTheKeysLocation() {
    Http http = new Http(base);
    String key = uniqueKey("e16-created");

    HttpResponse<String> created = http.put(key, "{\"value\": 1}");

    assertEquals(201, created.statusCode(), created.body());
    URI location = URI.create(created.headers().firstValue("Location").orElseThrow());
    assertEquals(base.getPath() + key, location.getPath());
    assertEquals(200, http.put(key, "{\"value\": 2}").statusCode());
    assertEquals(2, Http.json(http.get(key)).getInt("value"));
  }

  @Test
  void e16EachRefusalIsTheResourcesRefusal() {
    Http http = new Http(base);
    String key = uniqueKey("e16-refused");
    Map<String, String> refused =
        Map.of(
            key,
            "{\"valu\": 1}",
            key + "-2",
            "[1]",
            key + "-3",
            "{\"value\": 1, \"ttl\": -5}",
            key + "-4",
            "{\"value\": 1",
            "k".repeat(600),
            "{\"value\": 1}",
            key + "-5",
            "{\"value\": \"" + "x".repeat(2_100_000) + "\"}");

    refused.forEach(
        (k, body) -> {
          HttpResponse<String> filtered = http.send("PUT", k, body, PLAIN);
          HttpResponse<String> resource = http.send("PUT", k, body, VIA_JAX_RS);

          assertTrue(filtered.statusCode() == 400 || filtered.statusCode() == 413, body);
          assertEquals(resource.statusCode(), filtered.statusCode(), filtered.body());
          assertEquals(resource.body(), filtered.body());
          assertEquals(headers(resource, k), headers(filtered, k));
          assertNotEquals(200, http.get(k).statusCode(), "nothing written");
        });
  }

  @Test
  void e16TheServersOwnPathsAreNotTakenForKeys() {
    Http http = new Http(base);

    HttpResponse<String> batch =
        http.send("POST", "_batch", "{\"ops\": [{\"op\": \"get\", \"key\": \"e16-none\"}]}", PLAIN);

    assertEquals(200, batch.statusCode(), batch.body());
  }

  @Test
  void e16TwoContentTypesAreRefusedAsBeforeAndWriteNothing() {
    Http http = new Http(base);
    String key = uniqueKey("e16-two-types");

    HttpResponse<String> refused =
        http.send("PUT", key, "{\"value\": 1}", PLAIN, "Content-Type", PLAIN);

    assertEquals(400, refused.statusCode(), refused.body());
    assertEquals(404, http.get(key).statusCode());
  }

  /** The body with its key replaced by {@code KEY}. */
  private static String normalized(String body, String key) {
    return body.replace(key, "KEY").replaceAll("\"expires_at\":\"[^\"]+\"", "\"expires_at\":T");
  }

  /** The headers by lower-case name, without the date, the key in the Location, the version. */
  private static Map<String, List<String>> headers(HttpResponse<String> response, String key) {
    Map<String, List<String>> headers = new TreeMap<>();
    response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values));
    headers.remove("date");
    headers.computeIfPresent(
        "location", (name, values) -> List.of(values.get(0).replace(key, "KEY")));
    headers.computeIfPresent(
        "etag", (name, values) -> List.of(values.get(0).replaceAll("\\d+", "N")));
    return headers;
  }
}
