package dev.kvstore.entries.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.entries.control.Condition;
import dev.kvstore.entries.control.PreconditionFailed;
import dev.kvstore.entries.control.Written;
import dev.kvstore.entries.entity.Entry;
import dev.kvstore.errors.FailureMapper;
import dev.kvstore.errors.InvalidRequest;
import dev.kvstore.testing.ServletExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainSetsTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private static final String BODY = "{\"value\": {\"a\": 1}, \"ttl\": 90}";

  private final Entry stored =
      Entry.create("user:1", "{\"a\":1}", Optional.of(NOW.plusSeconds(90)), 8, NOW);

  /** What the fake store does with a SET: answers this, or throws. */
  private Supplier<Written> outcome = () -> new Written(true, stored);

  /** The SETs the filter handed to the store: key, body, condition. */
  private final List<String> sets = new ArrayList<>();

  /** The failures the filter had the failure mapper answer. */
  private final List<Throwable> failures = new ArrayList<>();

  private boolean passedOn;

  /** The request's answer, as the filter left it. */
  private final ServletExchange sent = new ServletExchange();

  private PlainSets filter() {
    PlainSets filter = new PlainSets();
    filter.sets =
        new Sets() {
          @Override
          public Written set(String key, InputStream body, Supplier<Condition> condition) {
            try {
              String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
              sets.add(key + " " + text + " " + (condition.get() == Condition.NONE));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            return outcome.get();
          }
        };
    filter.failures =
        new FailureMapper() {
          @Override
          public Answer answer(Throwable e) {
            failures.add(e);
            return new Answer(503, "The database is unavailable; retry later.", Optional.of("5"));
          }
        };
    filter.metrics = sent.metrics();
    return filter;
  }

  private void send(String method, String uri, Map<String, String> requestHeaders)
      throws Exception {
    filter()
        .doFilter(
            ServletExchange.request(method, uri, requestHeaders, BODY),
            sent.response(),
            (req, res) -> passedOn = true);
  }

  private static Map<String, String> json() {
    return Map.of("Content-Type", "application/json");
  }

  private String answer() {
    return sent.body();
  }

  @Test
  void aPlainPutThatCreatesTheKeyIsAnsweredAsTheResourceAnswersIt() throws Exception {
    send("PUT", "/user:1", json());

    assertFalse(passedOn);
    assertEquals(List.of("user:1 " + BODY + " true"), sets, "the body, without a condition");
    assertEquals(201, sent.status);
    String expected = new Written(true, stored).toJson();
    assertEquals(expected, answer());
    assertTrue(expected.contains("\"action\":\"created\""), expected);
    assertEquals(
        Map.of(
            "Location", "http://kv.example:8080/user:1",
            "ETag", "\"8\"",
            "X-Content-Type-Options", "nosniff",
            "Content-Type", "application/json",
            "Content-Length", Integer.toString(expected.length())),
        sent.headers);
    assertEquals(List.of("putEntry 201"), sent.answered);
  }

  @Test
  void aPlainPostThatUpdatesTheKeyHasNoLocation() throws Exception {
    outcome = () -> new Written(false, stored);

    send("POST", "/user:1", json());

    assertEquals(200, sent.status);
    assertTrue(answer().contains("\"action\":\"updated\""), answer());
    assertNull(sent.headers.get("Location"));
    assertEquals("\"8\"", sent.headers.get("ETag"));
    assertEquals(List.of("setEntry 200"), sent.answered);
  }

  @Test
  void aClientsMistakeIsAnsweredWithItsStatusAndSentence() throws Exception {
    outcome =
        () -> {
          throw InvalidRequest.badRequest("The field \"value\" is missing.");
        };

    send("PUT", "/user:1", json());

    assertFalse(passedOn);
    assertEquals(400, sent.status);
    assertEquals("{\"error\":\"The field \\\"value\\\" is missing.\"}", answer());
    assertEquals("nosniff", sent.headers.get("X-Content-Type-Options"));
    assertEquals(List.of("putEntry 400"), sent.answered);
  }

  @Test
  void aStoresRefusalIsAnsweredWithItsStatusAndSentence() throws Exception {
    outcome =
        () -> {
          throw new PreconditionFailed("The key is at version 3.");
        };

    send("PUT", "/user:1", json());

    assertEquals(412, sent.status);
    assertEquals("{\"error\":\"The key is at version 3.\"}", answer());
    assertEquals(List.of("putEntry 412"), sent.answered);
  }

  @Test
  void aFailureIsAnsweredAsTheFailureMapperAnswersIt() throws Exception {
    RuntimeException lost = new IllegalStateException(new SQLTransientConnectionException("gone"));
    outcome =
        () -> {
          throw lost;
        };

    send("PUT", "/user:1", json());

    assertEquals(List.of(lost), failures);
    assertEquals(503, sent.status);
    assertEquals("{\"error\":\"The database is unavailable; retry later.\"}", answer());
    assertEquals("5", sent.headers.get("Retry-After"));
    assertEquals("application/json", sent.headers.get("Content-Type"));
    assertEquals("nosniff", sent.headers.get("X-Content-Type-Options"));
    assertEquals(List.of("putEntry 503"), sent.answered);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /user:1",
        "DELETE /user:1",
        "PATCH /user:1",
        "PUT /user:1?ttl=5",
        "PUT /user:1/",
        "PUT /user%3A1",
        "PUT /user:1;v=2",
        "POST /user:1/incr",
        "POST /_batch",
        "POST /_tokens",
        "PUT /"
      })
  void anyOtherRequestGoesOnToJaxRs(String request) throws Exception {
    String[] line = request.split(" ");

    send(line[0], line[1], json());

    assertTrue(passedOn);
    assertNothingDone();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Content-Type: application/json; charset=utf-8",
        "Content-Type: text/plain",
        "Content-Type: application/merge-patch+json",
        "If-Match: \"7\"",
        "If-None-Match: *",
        "Content-Encoding: gzip",
        "Accept: text/html",
        "Content-Type: application/json\napplication/json"
      })
  void aSetWithAHeaderThatChangesItsAnswerGoesOnToJaxRs(String header) throws Exception {
    String[] nameAndValue = header.split(": ", 2);
    Map<String, String> sent = new HashMap<>(json());
    sent.put(nameAndValue[0], nameAndValue[1]);

    send("PUT", "/user:1", sent);

    assertTrue(passedOn);
    assertNothingDone();
  }

  @Test
  void aSetWithoutAContentTypeGoesOnToJaxRs() throws Exception {
    send("PUT", "/user:1", Map.of());

    assertTrue(passedOn);
    assertNothingDone();
  }

  private void assertNothingDone() {
    assertEquals(List.of(), sets);
    assertTrue(sent.nothingSent());
    assertEquals(List.of(), sent.answered);
  }
}
