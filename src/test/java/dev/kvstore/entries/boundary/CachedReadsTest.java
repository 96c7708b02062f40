package dev.kvstore.entries.boundary;

import static dev.kvstore.testing.Fakes.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.auth.boundary.Access;
import dev.kvstore.entries.control.EntryCache;
import dev.kvstore.entries.entity.Entry;
import dev.kvstore.testing.ServletExchange;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CachedReadsTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private final Entry cached =
      Entry.create("user:1", "{\"a\":1}", Optional.of(NOW.plusSeconds(90)), 7, NOW);

  private final Map<String, Entry> live = new HashMap<>(Map.of("user:1", cached));

  private boolean mayRead = true;

  private boolean passedOn;

  /** The request's answer, as the filter left it. */
  private final ServletExchange sent = new ServletExchange();

  private CachedReads filter() {
    CachedReads filter = new CachedReads();
    filter.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    filter.cache =
        new EntryCache() {
          @Override
          public Optional<Entry> live(String key, Instant now) {
            assertEquals(NOW, now);
            return Optional.ofNullable(live.get(key));
          }
        };
    filter.access =
        new Access() {
          @Override
          public boolean mayRead(String key) {
            return mayRead;
          }
        };
    filter.metrics = sent.metrics();
    return filter;
  }

  private void send(String method, String uri, Map<String, String> requestHeaders)
      throws Exception {
    filter()
        .doFilter(
            ServletExchange.request(method, uri, requestHeaders, ""),
            sent.response(),
            (req, res) -> passedOn = true);
  }

  @Test
  void aPlainGetOfACachedKeyIsAnsweredAsTheResourceAnswersIt() throws Exception {
    send("GET", "/user:1", Map.of());

    assertFalse(passedOn);
    assertEquals(200, sent.status);
    String json = cached.toJson(NOW);
    assertEquals(json, sent.body());
    assertTrue(json.contains("\"ttl_remaining\":90"), json);
    assertEquals(
        Map.of(
            "ETag", "\"7\"",
            "X-Content-Type-Options", "nosniff",
            "Content-Type", "application/json",
            "Content-Length", Integer.toString(json.length())),
        sent.headers);
    assertEquals(List.of("getEntry 200"), sent.answered);
  }

  @ParameterizedTest
  @ValueSource(strings = {"*/*", "application/json"})
  void anAcceptOfJsonIsAnswered(String accept) throws Exception {
    send("GET", "/user:1", Map.of("Accept", accept));

    assertFalse(passedOn);
    assertEquals(200, sent.status);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HEAD /user:1",
        "DELETE /user:1",
        "GET /user:1?x=1",
        "GET /user:1/",
        "GET /user%3A1",
        "GET /user:1;v=2",
        "GET /user:1/incr",
        "GET /",
        "GET /.",
        "GET /..",
        "GET /_keys"
      })
  void anyOtherRequestGoesOnToJaxRs(String request) throws Exception {
    String[] line = request.split(" ");
    live.put(".", cached);
    live.put("..", cached);
    live.put("_keys", cached);

    send(line[0], line[1], Map.of());

    assertTrue(passedOn);
    assertNothingWritten();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "If-None-Match: \"7\"",
        "If-Match: \"7\"",
        "Content-Type: application/json",
        "Content-Encoding: gzip",
        "Accept: text/html",
        "Accept: application/json;q=0.9"
      })
  void aGetWithAHeaderThatChangesItsAnswerGoesOnToJaxRs(String header) throws Exception {
    String[] nameAndValue = header.split(": ", 2);

    send("GET", "/user:1", Map.of(nameAndValue[0], nameAndValue[1]));

    assertTrue(passedOn);
    assertNothingWritten();
  }

  @Test
  void aKeyTheCacheDoesNotHoldLiveGoesOnToJaxRs() throws Exception {
    live.clear();

    send("GET", "/user:1", Map.of());

    assertTrue(passedOn);
    assertNothingWritten();
  }

  @Test
  void aCallerWhoMayNotReadTheKeyGoesOnToJaxRsWhichRefusesIt() throws Exception {
    mayRead = false;

    send("GET", "/user:1", Map.of());

    assertTrue(passedOn);
    assertNothingWritten();
  }

  @Test
  void theKeyIsThePathAfterTheContextPath() {
    assertEquals("a-b_c.d~e!$&'()*+,=:@", plainGet("/kv", "/kv/a-b_c.d~e!$&'()*+,=:@"));
    assertNull(plainGet("/kv", "/kvx"));
    assertNull(plainGet("/kv", "/kv"));
  }

  private static String plainGet(String contextPath, String uri) {
    return CachedReads.plainGet(
        fake(
            HttpServletRequest.class,
            (name, args) ->
                switch (name) {
                  case "getMethod" -> "GET";
                  case "getRequestURI" -> uri;
                  case "getContextPath" -> contextPath;
                  default -> null;
                }));
  }

  private void assertNothingWritten() {
    assertTrue(sent.nothingSent());
    assertEquals(List.of(), sent.answered);
  }
}
