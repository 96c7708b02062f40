package dev.kvstore.metrics;

import static dev.kvstore.it.Http.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.it.Deployments;
import dev.kvstore.it.Http;
import dev.kvstore.it.Scrape;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * M1–M4: the series move by exactly what the test did. The tests of a class run one at a time on
 * the server, so nothing else moves them in between (key counts are taken fresh on every scrape:
 * {@code kv.metrics.key-count-max-age-seconds=0} in the test server).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.kvstore();
  }

  @ArquillianResource URL base;

  /**
   * Lets every key with a TTL that earlier tests left expire, and sweeps them: from here on, only
   * this test's keys expire or change the counts.
   */
  private static void settle(Http http) {
    http.advanceClock(Duration.ofDays(10).toSeconds());
    http.post("_test/sweep", "");
  }

  @Test
  void m1EveryRequestCountsOnceByOperationAndStatusAndIsTimed() {
    Http http = new Http(base);
    String key = uniqueKey("m1");
    Scrape before = Scrape.of(base);
    assertEquals(201, http.put(key, "{\"value\": 1}").statusCode());
    assertEquals(200, http.put(key, "{\"value\": 2}").statusCode());
    assertEquals(200, http.get(key).statusCode());
    assertEquals(200, http.get(key).statusCode());
    assertEquals(404, http.get(uniqueKey("m1-missing")).statusCode());
    assertEquals(400, http.put(key, "{\"value\": 1, \"ttl\": -1}").statusCode());
    assertEquals(404, http.get("a/b/c/d").statusCode());
    assertEquals(400, http.get(key + "?token=secret").statusCode());
    Scrape after = Scrape.of(base);

    assertEquals(
        1, after.since(before, "kv_requests_total", "operation", "putEntry", "status", "201"));
    assertEquals(
        1, after.since(before, "kv_requests_total", "operation", "putEntry", "status", "200"));
    assertEquals(
        1, after.since(before, "kv_requests_total", "operation", "putEntry", "status", "400"));
    assertEquals(
        2, after.since(before, "kv_requests_total", "operation", "getEntry", "status", "200"));
    assertEquals(
        1, after.since(before, "kv_requests_total", "operation", "getEntry", "status", "404"));
    assertEquals(1, after.since(before, "kv_requests_total", "operation", "none", "status", "404"));
    assertEquals(1, after.since(before, "kv_auth_refusals_total", "status", "400"));
    assertEquals(
        3, after.since(before, "kv_request_duration_seconds_count", "operation", "getEntry"));
    assertEquals(
        3,
        after.since(
            before, "kv_request_duration_seconds_bucket", "operation", "getEntry", "le", "+Inf"));
    assertTrue(after.since(before, "kv_request_duration_seconds_sum", "operation", "getEntry") > 0);
    double fast =
        after.since(
            before, "kv_request_duration_seconds_bucket", "operation", "getEntry", "le", "10.0");
    assertEquals(3, fast, "no GET here takes 10 s: the buckets are in seconds");
  }

  @Test
  void m2KeyGaugesCountLiveKeysAndThoseWithATtl() {
    Http http = new Http(base);
    settle(http);
    Scrape before = Scrape.of(base);
    http.put(uniqueKey("m2"), "{\"value\": 1}");
    http.put(uniqueKey("m2"), "{\"value\": 2, \"ttl\": 100}");
    http.put(uniqueKey("m2"), "{\"value\": 3, \"ttl\": 100}");
    String removed = uniqueKey("m2");
    http.put(removed, "{\"value\": 4}");
    http.delete(removed);
    Scrape after = Scrape.of(base);
    assertEquals(3, after.since(before, "kv_keys"));
    assertEquals(2, after.since(before, "kv_keys_expiring"));
  }

  @Test
  void m3BacklogAndLagShowExpiredKeysUntilTheSweepDeletesThem() {
    Http http = new Http(base);
    settle(http);
    Scrape clean = Scrape.of(base);
    assertEquals(0, clean.value("kv_expiry_backlog_keys"));
    assertEquals(0, clean.value("kv_expiry_lag_seconds"));
    for (int i = 0; i < 3; i++) {
      http.put(uniqueKey("m3"), "{\"value\": 1, \"ttl\": 10}");
    }
    http.put(uniqueKey("m3-later"), "{\"value\": 1, \"ttl\": 1000}");
    Scrape stored = Scrape.of(base);
    http.advanceClock(70);

    Scrape expired = Scrape.of(base);
    assertEquals(3, expired.value("kv_expiry_backlog_keys"));
    double lag = expired.value("kv_expiry_lag_seconds");
    assertTrue(lag >= 60 && lag < 65, "expired 60 s ago, not " + lag);
    assertEquals(-3, expired.since(stored, "kv_keys"), "expired keys are not live any more");
    assertEquals(-3, expired.since(stored, "kv_keys_expiring"));

    long deleted = Http.json(http.post("_test/sweep", "")).getJsonNumber("deleted").longValue();
    Scrape swept = Scrape.of(base);
    assertEquals(3, deleted);
    assertEquals(0, swept.value("kv_expiry_backlog_keys"));
    assertEquals(0, swept.value("kv_expiry_lag_seconds"));
    assertEquals(1, swept.since(expired, "kv_expiry_sweeps_total"));
    assertEquals(3, swept.since(expired, "kv_expiry_deleted_keys_total"));
    assertEquals(1, swept.since(expired, "kv_expiry_sweep_duration_seconds_count"));
  }

  @Test
  void m4LockTimeoutsAndDatabaseErrorsAreCounted() {
    Http http = new Http(base);
    String key = uniqueKey("m4");
    http.put(key, "{\"value\": 1}");
    Scrape before = Scrape.of(base);
    http.holdLock(key, 4000);
    assertEquals(503, http.put(key, "{\"value\": 2}").statusCode());
    assertEquals(503, http.post("_test/database-failure", "").statusCode());
    Scrape after = Scrape.of(base);
    assertEquals(1, after.since(before, "kv_lock_timeouts_total"));
    assertEquals(1, after.since(before, "kv_database_errors_total"));
    assertEquals(
        1, after.since(before, "kv_requests_total", "operation", "putEntry", "status", "503"));
  }
}
