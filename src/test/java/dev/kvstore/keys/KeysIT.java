package dev.kvstore.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.it.Deployments;
import dev.kvstore.it.Http;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** L1–L4 over HTTP. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KeysIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.kvstore();
  }

  @ArquillianResource URL base;

  private static String prefix() {
    return "scan:" + UUID.randomUUID() + ":";
  }

  private static String query(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static JsonObject list(Http http, String... params) {
    HttpResponse<String> response = http.get("_keys?" + String.join("&", params));
    assertEquals(200, response.statusCode(), response.body());
    return Http.json(response);
  }

  private static List<String> keys(JsonObject page) {
    return page.getJsonArray("entries").stream()
        .map(entry -> entry.asJsonObject().getString("key"))
        .toList();
  }

  private static void putAll(Http http, List<String> keys) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (String key : keys) {
        statuses.add(
            pool.submit(
                () -> http.put(Http.path(key), "{\"value\": \"" + key + "\"}").statusCode()));
      }
      for (Future<Integer> status : statuses) {
        assertEquals(201, status.get(2, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void l1APrefixListsItsLiveKeysInOrderWithTheirVersionsAndTtls() throws Exception {
    Http http = new Http(base);
    String prefix = prefix();
    putAll(http, List.of(prefix + "b", prefix + "a", prefix + "c"));
    http.put(Http.path(prefix + "d"), "{\"value\": 1, \"ttl\": 1}");
    http.put(Http.path(prefix + "e"), "{\"value\": 1, \"ttl\": 1000}");
    http.advanceClock(2);

    JsonObject page = list(http, query("prefix", prefix));
    assertEquals(List.of(prefix + "a", prefix + "b", prefix + "c", prefix + "e"), keys(page));
    assertTrue(page.isNull("next_cursor"));
    JsonObject first = page.getJsonArray("entries").getJsonObject(0);
    assertEquals(-1, first.getInt("ttl_remaining"));
    assertTrue(first.getJsonNumber("version").longValue() > 0);
    assertFalse(first.containsKey("value"));
    assertTrue(page.getJsonArray("entries").getJsonObject(3).getInt("ttl_remaining") > 900);
  }

  @Test
  void valuesTrueListsTheValuesAsStored() throws Exception {
    Http http = new Http(base);
    String prefix = prefix();
    http.put(Http.path(prefix + "n"), "{\"value\": {\"big\": 12345678901234567890123}}");
    JsonObject entry =
        list(http, query("prefix", prefix), "values=true").getJsonArray("entries").getJsonObject(0);
    assertEquals("{\"big\":12345678901234567890123}", entry.get("value").toString());
  }

  @Test
  void aPageWithValuesEndsWhereItsValuesReachTheBudgetAndTheCursorGoesOn() throws Exception {
    Http http = new Http(base);
    String prefix = prefix();
    String large = "\"" + "x".repeat(400_000) + "\"";
    for (String key : List.of("a", "b", "c")) {
      assertEquals(
          201, http.put(Http.path(prefix + key), "{\"value\": " + large + "}").statusCode());
    }
    http.put(Http.path(prefix + "d"), "{\"value\": 1}");

    JsonObject first = list(http, query("prefix", prefix), "values=true");
    assertEquals(List.of(prefix + "a", prefix + "b"), keys(first));
    assertEquals(large, first.getJsonArray("entries").getJsonObject(1).get("value").toString());
    JsonObject rest =
        list(
            http,
            query("prefix", prefix),
            "values=true",
            query("cursor", first.getString("next_cursor")));
    assertEquals(List.of(prefix + "c", prefix + "d"), keys(rest));
    assertEquals(1, rest.getJsonArray("entries").getJsonObject(1).getInt("value"));
    assertTrue(rest.isNull("next_cursor"));
    assertEquals(
        List.of(prefix + "a", prefix + "b", prefix + "c", prefix + "d"),
        keys(list(http, query("prefix", prefix))));
  }

  @Test
  void l5AFullPageOfSmallValuesReadsAThousandValuesAtOnce() throws Exception {
    Http http = new Http(base);
    String prefix = prefix();
    List<String> keys =
        IntStream.range(0, 1000).mapToObj(i -> prefix + String.format("%04d", i)).toList();
    String ops =
        keys.stream()
            .map(key -> "{\"op\": \"set\", \"key\": \"" + key + "\", \"value\": \"" + key + "\"}")
            .collect(Collectors.joining(","));
    assertEquals(200, http.post("_batch", "{\"ops\": [" + ops + "]}").statusCode());

    JsonObject page = list(http, query("prefix", prefix), "values=true", "limit=1000");
    assertEquals(keys, keys(page));
    assertEquals(
        prefix + "0999", page.getJsonArray("entries").getJsonObject(999).getString("value"));
  }

  @Test
  void l3MatchFiltersByRedisGlob() throws Exception {
    Http http = new Http(base);
    String prefix = prefix();
    putAll(
        http,
        List.of(prefix + "user:1", prefix + "user:2", prefix + "user:10", prefix + "order:1"));
    assertEquals(
        List.of(prefix + "user:1", prefix + "user:2"),
        keys(list(http, query("match", prefix + "user:?"))));
    assertEquals(
        List.of(prefix + "order:1", prefix + "user:1"),
        keys(list(http, query("prefix", prefix), query("match", "*:1"))));
    assertEquals(
        List.of(),
        keys(list(http, query("prefix", prefix + "order"), query("match", prefix + "user*"))));
  }

  @Test
  void l2PagesWalkThroughEveryKeyExactlyOnceWhileOthersWrite() throws Exception {
    Http http = new Http(base);
    String prefix = prefix();
    List<String> stable =
        IntStream.range(0, 2500).mapToObj(i -> prefix + String.format("%05d", i * 2)).toList();
    putAll(http, stable);
    AtomicBoolean scanning = new AtomicBoolean(true);
    ExecutorService churn = Executors.newFixedThreadPool(2);
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int writer = w;
      writers.add(
          churn.submit(
              () -> {
                for (int i = 0; scanning.get() && i < 20_000; i++) {
                  String odd =
                      Http.path(prefix + String.format("%05d", (i * 2 + writer * 2500) % 5000 + 1));
                  http.put(odd, "{\"value\": 0}");
                  http.delete(odd);
                }
                return null;
              }));
    }
    List<String> listed = new ArrayList<>();
    try {
      String cursor = null;
      int pages = 0;
      do {
        List<String> params = new ArrayList<>(List.of(query("prefix", prefix), "limit=100"));
        if (cursor != null) {
          params.add(query("cursor", cursor));
        }
        JsonObject page = list(http, params.toArray(String[]::new));
        listed.addAll(keys(page));
        JsonValue next = page.get("next_cursor");
        cursor = next instanceof JsonString text ? text.getString() : null;
        pages++;
      } while (cursor != null && pages < 200);
    } finally {
      scanning.set(false);
      for (Future<?> writer : writers) {
        writer.get(1, TimeUnit.MINUTES);
      }
      churn.shutdownNow();
    }
    for (int i = 1; i < listed.size(); i++) {
      assertTrue(listed.get(i - 1).compareTo(listed.get(i)) < 0, "in order, no repeats");
    }
    List<String> stableListed = listed.stream().filter(stable::contains).toList();
    assertEquals(stable, stableListed);
  }

  @Test
  void l4DeleteByPrefixDeletesThoseKeysOnlyAndCountsThem() throws Exception {
    Http http = new Http(base);
    String prefix = prefix();
    List<String> doomed = IntStream.range(0, 620).mapToObj(i -> prefix + "x:" + i).toList();
    putAll(http, doomed);
    http.put(Http.path(prefix + "keep"), "{\"value\": 1}");
    HttpResponse<String> deleted = http.delete("_keys?" + query("prefix", prefix + "x:"));
    assertEquals(200, deleted.statusCode());
    assertEquals(620, Http.json(deleted).getInt("deleted"));
    assertEquals(List.of(prefix + "keep"), keys(list(http, query("prefix", prefix))));
  }

  @Test
  void l2TheLargestPageIsAThousand() {
    assertEquals(200, new Http(base).get("_keys?limit=1000").statusCode());
    assertEquals(400, new Http(base).get("_keys?limit=1001").statusCode());
  }

  @Test
  void l4DeletingEveryKeyNeedsAllTrue() {
    Http http = new Http(base);
    assertEquals(400, http.delete("_keys").statusCode());
    assertEquals(400, http.delete("_keys?prefix=").statusCode());
    assertEquals(400, http.delete("_keys?all=yes").statusCode());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "limit=0",
        "limit=1001",
        "limit=ten",
        "limit=-1",
        "cursor=not-a-cursor",
        "match=%5Babc",
        "match=abc%5C",
        "values=yes"
      })
  void aBadListingRequestIsA400(String params) {
    HttpResponse<String> response = new Http(base).get("_keys?" + params);
    assertEquals(400, response.statusCode(), response.body());
    assertFalse(Http.json(response).getString("error").isBlank());
  }
}
