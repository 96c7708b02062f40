package dev.kvstore.entries;

import static dev.kvstore.it.Http.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kvstore.it.Deployments;
import dev.kvstore.it.Http;
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
 * E15 over HTTP: a GET that the read cache answers in front of JAX-RS answers what JAX-RS answered
 * the GET before it, byte for byte and header for header, and never outlives a write.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CachedReadsIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.kvstore();
  }

  @ArquillianResource URL base;

  @Test
  void e15AGetFromTheCacheAnswersWhatTheResourceAnswered() {
    Http http = new Http(base);
    String key = uniqueKey("e15") + "@x~(1)";
    assertEquals(201, http.put(key, "{\"value\": {\"a\": [1, \"é\"]}}").statusCode());

    HttpResponse<String> loaded = http.get(key); // through JAX-RS and the store: now cached
    HttpResponse<String> cached = http.get(key); // from the cache, in front of JAX-RS

    assertEquals(200, loaded.statusCode(), loaded.body());
    assertEquals(loaded.statusCode(), cached.statusCode());
    assertEquals(loaded.body(), cached.body());
    assertEquals(headers(loaded), headers(cached));
    assertEquals(
        List.of("application/json"), headers(cached).get("content-type"), "no charset added");
  }

  @Test
  void e15AWriteIsSeenByTheNextGet() {
    Http http = new Http(base);
    String key = uniqueKey("e15-write");
    http.put(key, "{\"value\": 1}");
    http.get(key);
    assertEquals(1, Http.json(http.get(key)).getInt("value"));

    assertEquals(200, http.put(key, "{\"value\": 2}").statusCode());
    assertEquals(2, Http.json(http.get(key)).getInt("value"));
    assertEquals(2, Http.json(http.get(key)).getInt("value"));
    assertEquals(200, http.delete(key).statusCode());
    assertEquals(404, http.get(key).statusCode());
  }

  /** The response's headers by lower-case name, without the date. */
  private static Map<String, List<String>> headers(HttpResponse<String> response) {
    Map<String, List<String>> headers = new TreeMap<>();
    response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values));
    headers.remove("date");
    return headers;
  }
}
