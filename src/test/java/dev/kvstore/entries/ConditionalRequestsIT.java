package dev.kvstore.entries;

import static dev.kvstore.it.Http.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.it.Deployments;
import dev.kvstore.it.Http;
import jakarta.json.JsonArray;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
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

/** E9: HTTP conditional requests on a key (RFC 9110). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConditionalRequestsIT {

  private static final String JSON = "application/json";

  @Deployment
  static WebArchive deployment() {
    return Deployments.kvstore();
  }

  @ArquillianResource URL base;

  private static String etag(HttpResponse<String> response) {
    return response.headers().firstValue("ETag").orElseThrow();
  }

  @Test
  void e9IfNoneMatchStarSetsOnlyAnAbsentKey() {
    Http http = new Http(base);
    String key = uniqueKey("nx");
    String body = "{\"value\": 1}";
    assertEquals(201, http.send("PUT", key, body, JSON, "If-None-Match", "*").statusCode());
    HttpResponse<String> again =
        http.send("PUT", key, "{\"value\": 2}", JSON, "If-None-Match", "*");
    assertEquals(412, again.statusCode());
    assertEquals(1, Http.json(http.get(key)).getInt("value"));
  }

  @Test
  void e9IfMatchStarSetsOnlyAPresentKey() {
    Http http = new Http(base);
    String key = uniqueKey("xx");
    assertEquals(412, http.send("PUT", key, "{\"value\": 1}", JSON, "If-Match", "*").statusCode());
    assertEquals(404, http.get(key).statusCode());
    http.put(key, "{\"value\": 1}");
    assertEquals(200, http.send("PUT", key, "{\"value\": 2}", JSON, "If-Match", "*").statusCode());
  }

  @Test
  void e9IfMatchAVersionIsCompareAndSet() {
    Http http = new Http(base);
    String key = uniqueKey("cas");
    String first = etag(http.put(key, "{\"value\": 1}"));
    String second = etag(http.send("PUT", key, "{\"value\": 2}", JSON, "If-Match", first));
    HttpResponse<String> stale = http.send("PUT", key, "{\"value\": 3}", JSON, "If-Match", first);
    assertEquals(412, stale.statusCode());
    assertTrue(Http.json(stale).getString("error").contains("version"));
    assertEquals(2, Http.json(http.get(key)).getInt("value"));
    assertEquals(second, etag(http.get(key)));
  }

  @Test
  void e9PreconditionHeadersOnSeveralLinesAreOneList() {
    Http http = new Http(base);
    String key = uniqueKey("lines");
    String current = etag(http.put(key, "{\"value\": 1}"));
    HttpResponse<String> neither =
        http.send("PUT", key, "{\"value\": 2}", JSON, "If-Match", "\"0\"", "If-Match", "\"00\"");
    assertEquals(412, neither.statusCode());
    HttpResponse<String> second =
        http.send("PUT", key, "{\"value\": 3}", JSON, "If-Match", "\"0\"", "If-Match", current);
    assertEquals(200, second.statusCode());
    String now = etag(second);
    assertEquals(
        304,
        http.send("GET", key, null, null, "If-None-Match", "\"0\"", "If-None-Match", now)
            .statusCode());
    HttpResponse<String> malformed =
        http.send("GET", key, null, null, "If-None-Match", "\"0\"", "If-None-Match", "junk");
    assertEquals(400, malformed.statusCode());
    assertTrue(Http.json(malformed).getString("error").contains("If-None-Match"));
    assertEquals(3, Http.json(http.get(key)).getInt("value"));
  }

  @Test
  void e9AConditionalDeleteDeletesOnlyThatVersion() {
    Http http = new Http(base);
    String key = uniqueKey("delete");
    String first = etag(http.put(key, "{\"value\": 1}"));
    String second = etag(http.put(key, "{\"value\": 2}"));
    assertEquals(412, http.send("DELETE", key, null, null, "If-Match", first).statusCode());
    assertEquals(200, http.get(key).statusCode());
    assertEquals(200, http.send("DELETE", key, null, null, "If-Match", second).statusCode());
    assertEquals(404, http.get(key).statusCode());
  }

  @Test
  void e9AGetWithTheCurrentVersionInIfNoneMatchIsA304() {
    Http http = new Http(base);
    String key = uniqueKey("cache");
    String tag = etag(http.put(key, "{\"value\": 1}"));
    HttpResponse<String> notModified = http.send("GET", key, null, null, "If-None-Match", tag);
    assertEquals(304, notModified.statusCode());
    assertEquals("", notModified.body());
    assertEquals(tag, etag(notModified));
    assertEquals(200, http.send("GET", key, null, null, "If-None-Match", "\"0\"").statusCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "\"1", "1", "*, \"1\"", "\"a\\\""})
  void e9AMalformedIfMatchOrIfNoneMatchIsA400AndChangesNothing(String header) {
    Http http = new Http(base);
    String key = uniqueKey("malformed");
    http.put(key, "{\"value\": {\"n\": 1}, \"ttl\": 1000}");
    String stored = http.stored(key);
    String merge = "application/merge-patch+json";
    List<HttpResponse<String>> answers =
        List.of(
            http.send("PUT", key, "{\"value\": 2}", JSON, "If-Match", header),
            http.send("POST", key, "{\"value\": 2}", JSON, "If-None-Match", header),
            http.send("PATCH", key, "{\"n\": 2}", merge, "If-Match", header),
            http.send("DELETE", key, null, null, "If-Match", header),
            http.send("POST", key + "/incr", "{\"by\": 1}", JSON, "If-Match", header),
            http.send("PUT", key + "/ttl", "{\"ttl\": 5}", JSON, "If-Match", header),
            http.send("DELETE", key + "/ttl", null, null, "If-Match", header),
            http.send("GET", key, null, null, "If-None-Match", header),
            http.send("GET", key, null, null, "If-Match", header),
            http.send("GET", uniqueKey("absent"), null, null, "If-None-Match", header));
    for (HttpResponse<String> answer : answers) {
      assertEquals(400, answer.statusCode(), answer.request() + ": " + answer.body());
      assertTrue(Http.json(answer).getString("error").contains("in quotes"), answer.body());
    }
    assertEquals(stored, http.stored(key));
    String list = "\"0\" , W/\"1\"," + etag(http.get(key));
    assertEquals(200, http.send("PUT", key, "{\"value\": 2}", JSON, "If-Match", list).statusCode());
  }

  @Test
  void e9AGetWhoseIfMatchNamesAnotherVersionIsAJson412() {
    Http http = new Http(base);
    String key = uniqueKey("read-if-match");
    String tag = etag(http.put(key, "{\"value\": 1}"));
    HttpResponse<String> failed = http.send("GET", key, null, null, "If-Match", "\"0\"");
    assertEquals(412, failed.statusCode());
    assertTrue(Http.json(failed).getString("error").contains("precondition"), failed.body());
    assertEquals(200, http.send("GET", key, null, null, "If-Match", tag).statusCode());
  }

  @Test
  void e9OfConcurrentIfNoneMatchStarWritersExactlyOneCreates() throws Exception {
    Http http = new Http(base);
    String key = uniqueKey("race");
    List<Integer> statuses =
        inParallel(
            16,
            writer ->
                List.of(
                    http.send("PUT", key, "{\"value\": " + writer + "}", JSON, "If-None-Match", "*")
                        .statusCode()));
    assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
    assertEquals(15, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
  }

  @Test
  void e9ReadModifyWriteWithIfMatchRetriesLosesNoUpdate() throws Exception {
    Http http = new Http(base);
    String key = uniqueKey("document");
    http.put(key, "{\"value\": []}");
    int clients = 8;
    int appends = 15;
    List<Integer> serverErrors =
        inParallel(
            clients,
            client -> {
              List<Integer> errors = new ArrayList<>();
              for (int i = 0; i < appends; i++) {
                int status;
                do {
                  HttpResponse<String> read = http.get(key);
                  JsonArray items = Http.json(read).getJsonArray("value");
                  String next =
                      jakarta.json.Json.createArrayBuilder(items)
                          .add(client * 1000 + i)
                          .build()
                          .toString();
                  status =
                      http.send(
                              "PUT", key, "{\"value\": " + next + "}", JSON, "If-Match", etag(read))
                          .statusCode();
                  if (status >= 500) {
                    errors.add(status);
                  }
                } while (status == 412);
              }
              return errors;
            });
    assertEquals(List.of(), serverErrors);
    JsonArray items = Http.json(http.get(key)).getJsonArray("value");
    Set<Integer> seen = new HashSet<>();
    items.forEach(item -> seen.add(Integer.parseInt(item.toString())));
    assertEquals(clients * appends, items.size());
    assertEquals(clients * appends, seen.size());
  }

  private interface Client {
    List<Integer> run(int client) throws Exception;
  }

  private static List<Integer> inParallel(int clients, Client work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Integer>>> futures = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int client = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return work.run(client);
                }));
      }
      start.countDown();
      List<Integer> results = new ArrayList<>();
      for (Future<List<Integer>> future : futures) {
        results.addAll(future.get(5, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
