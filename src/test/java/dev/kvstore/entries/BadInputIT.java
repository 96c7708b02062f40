package dev.kvstore.entries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.it.Deployments;
import dev.kvstore.it.Http;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/**
 * E1, E7 and the errors feature (R1, R4): every bad request answers a 4xx JSON sentence and changes
 * nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadInputIT {

  private static final String STORED = "{\"value\": {\"kept\": true}, \"ttl\": 1000}";

  @Deployment
  static WebArchive deployment() {
    return Deployments.kvstore();
  }

  @ArquillianResource URL base;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{\"value\": 1",
        "not json",
        "{\"value\": 1} trailing",
        "[1, 2]",
        "\"value\"",
        "{}",
        "{\"ttl\": 60}",
        "{\"value\": 1, \"ttl\": 0}",
        "{\"value\": 1, \"ttl\": -5}",
        "{\"value\": 1, \"ttl\": \"60\"}",
        "{\"value\": 1, \"ttl\": true}",
        "{\"value\": 1, \"ttl\": 3153600001}",
        "{\"value\": 1, \"ttl\": 60, \"expires_at\": \"2999-01-01T00:00:00Z\"}",
        "{\"value\": 1, \"expires_at\": \"2001-01-01T00:00:00Z\"}",
        "{\"value\": 1, \"expires_at\": \"next week\"}",
        "{\"value\": 1, \"tll\": 60}",
        "{\"value\": 1, \"keep_ttl\": \"yes\"}",
        "{\"value\": 1, \"value\": 2}",
        "{\"value\": {\"a\": [{\"b\": 1, \"b\": 2}]}}",
        "{\"ttl\": 60, \"value\": 1, \"ttl\": 60}",
        "{\"value\": [1, {\"a\": 2]}",
        "{\"value\": \"\\ud800\"}",
        "{\"value\": \"\\udc00 half a pair\"}"
      })
  void aBadSetBodyIsA400AndChangesNothing(String body) {
    Http http = new Http(base);
    String key = storedKey(http);
    String before = http.stored(key);
    HttpResponse<String> post = http.post(key, body);
    assertError(400, post);
    assertError(400, http.put(key, body));
    assertEquals(before, http.stored(key));
  }

  @Test
  void theUnknownFieldIsNamedInTheSentence() {
    Http http = new Http(base);
    HttpResponse<String> response = http.post(storedKey(http), "{\"value\": 1, \"tll\": 60}");
    assertTrue(Http.json(response).getString("error").contains("tll"), response.body());
  }

  @Test
  void aValueOverOneMebibyteIsA413AndChangesNothing() {
    Http http = new Http(base);
    String key = storedKey(http);
    String before = http.stored(key);
    String oneByteOver = "\"" + "x".repeat(1024 * 1024 - 1) + "\"";
    assertError(413, http.put(key, "{\"value\": " + oneByteOver + "}"));
    assertEquals(before, http.stored(key));
    String atTheLimit = "\"" + "x".repeat(1024 * 1024 - 2) + "\"";
    assertEquals(200, http.put(key, "{\"value\": " + atTheLimit + "}").statusCode());
    assertEquals(200, http.get(key).statusCode(), "still serving");
  }

  @Test
  void j4ABodyNestedSixtyFourLevelsIsReadAndSixtyFiveIsA400() {
    Http http = new Http(base);
    String key = storedKey(http);
    String deepest = "[".repeat(63) + "]".repeat(63);
    assertEquals(200, http.put(key, "{\"value\": " + deepest + "}").statusCode());
    String before = http.stored(key);
    assertError(400, http.put(key, "{\"value\": [" + deepest + "]}"));
    assertEquals(before, http.stored(key));
    assertEquals(200, http.get(key).statusCode(), "still serving");
  }

  @Test
  void aBodyAtTheBodyLimitIsReadAndOneByteMoreIsA413() {
    Http http = new Http(base);
    String key = storedKey(http);
    String start = "{\"value\": 1}";
    int limit = 2 * 1024 * 1024;
    String atTheLimit = start + " ".repeat(limit - start.length());
    assertEquals(200, http.put(key, atTheLimit).statusCode());
    assertError(413, http.put(key, atTheLimit + " "));
    assertEquals(200, http.get(key).statusCode(), "still serving");
  }

  @Test
  void aBodyOverTheBodyLimitIsA413() {
    Http http = new Http(base);
    String huge = "{\"value\": 1, \"pad\": \"" + " ".repeat(3 * 1024 * 1024) + "\"}";
    assertError(413, http.put(storedKey(http), huge));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml"})
  void aBodyThatIsNotJsonByContentTypeIsA415AndChangesNothing(String contentType) {
    Http http = new Http(base);
    String key = storedKey(http);
    String before = http.stored(key);
    assertError(415, http.send("POST", key, "{\"value\": 2}", contentType));
    assertError(415, http.send("PUT", key, "{\"value\": 2}", contentType));
    assertEquals(before, http.stored(key));
  }

  /** R5: the runtime's servlet layer parsed these before any mapper and answered an empty 400. */
  @ParameterizedTest
  @ValueSource(strings = {"garbage", "application/", "a/b/c", ";", "application/json; charset"})
  void r5AContentTypeThatIsNotAMediaTypeIsA400AndChangesNothing(String contentType) {
    Http http = new Http(base);
    String key = storedKey(http);
    String before = http.stored(key);
    for (String method : new String[] {"PUT", "POST", "PATCH"}) {
      HttpResponse<String> answer = http.send(method, key, "{\"value\": 2}", contentType);
      assertError(400, answer);
      assertTrue(Http.json(answer).getString("error").contains("media type"), answer.body());
    }
    assertEquals(before, http.stored(key));
  }

  @Test
  void r5TwoContentTypeHeadersAreA400AndChangeNothing() {
    Http http = new Http(base);
    String key = storedKey(http);
    String before = http.stored(key);
    HttpResponse<String> answer =
        http.send("PUT", key, "{\"value\": 2}", "application/json", "Content-Type", "text/plain");
    assertError(400, answer);
    assertTrue(Http.json(answer).getString("error").contains("one Content-Type"), answer.body());
    assertEquals(before, http.stored(key));
  }

  /** R5: a gzip body was refused as "not UTF-8", and any other coding was ignored. */
  @ParameterizedTest
  @ValueSource(strings = {"gzip", "br", "deflate, gzip"})
  void r5AContentEncodingIsA415AndChangesNothing(String coding) {
    Http http = new Http(base);
    String key = storedKey(http);
    String before = http.stored(key);
    HttpResponse<String> answer =
        http.send("PUT", key, "{\"value\": 2}", "application/json", "Content-Encoding", coding);
    assertError(415, answer);
    assertTrue(Http.json(answer).getString("error").contains("Content-Encoding"), answer.body());
    assertEquals(before, http.stored(key));
    HttpResponse<String> identity =
        http.send("PUT", key, "{\"value\": 3}", "application/json", "Content-Encoding", "identity");
    assertEquals(200, identity.statusCode(), identity.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"_reserved", "a%01b", "a%2Fb", "x%7F"})
  void aBadKeyIsA400OnEveryMethod(String path) {
    Http http = new Http(base);
    assertError(400, http.get(path));
    assertError(400, http.put(path, "{\"value\": 1}"));
    assertError(400, http.post(path, "{\"value\": 1}"));
    assertError(400, http.delete(path));
  }

  /** The token check decodes parameter names; one that is not percent-encoding answered 500. */
  @ParameterizedTest
  @ValueSource(strings = {"%zz=1", "%=1", "a%2=1&b=2"})
  void aQueryParameterNameThatIsNotPercentEncodingIsReadAsSent(String query) throws IOException {
    String key = "query:" + UUID.randomUUID();
    String missing = sentAsIs(key + "?" + query);
    assertTrue(missing.startsWith("HTTP/1.1 404 "), missing);
    assertTrue(missing.endsWith("{\"error\":\"Key not found\"}"), missing);
    new Http(base).put(key, "{\"value\": 1}");
    String found = sentAsIs(key + "?" + query);
    assertTrue(found.startsWith("HTTP/1.1 200 "), found);
    assertTrue(found.contains("\"value\":1"), found);
  }

  /** A GET of the path exactly as given: the JDK's HTTP client refuses a malformed URI. */
  private String sentAsIs(String path) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), base.getPort())) {
      socket.setSoTimeout(10_000);
      String request =
          "GET "
              + base.getPath()
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void r4AnAcceptHeaderTheRuntimeCannotParseIsA400WithItsSentence() {
    Http http = new Http(base);
    String key = storedKey(http);
    HttpResponse<String> answer =
        http.send("GET", key, null, null, "Accept", "application/json;q=abc");
    assertError(400, answer);
    assertTrue(Http.json(answer).getString("error").contains("headers"), answer.body());
    assertEquals(200, http.get(key).statusCode(), "still serving");
  }

  @Test
  void aKeyLongerThan512CharactersIsA400() {
    Http http = new Http(base);
    assertError(400, http.put("k".repeat(513), "{\"value\": 1}"));
    assertError(400, http.get("k".repeat(513)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b/c", "a/b/c/d/", "k/unknown"})
  void anUnknownPathIsA404(String path) {
    assertError(404, new Http(base).get(path));
  }

  @Test
  void aWrongMethodIsA405ThatNamesTheAllowedOnes() {
    Http http = new Http(base);
    HttpResponse<String> response = http.send("PURGE", storedKey(http), "{}", "application/json");
    assertError(405, response);
    assertTrue(response.headers().firstValue("Allow").orElseThrow().contains("PUT"));
  }

  @Test
  void traceIsA405LikeAnyUnsupportedMethod() {
    Http http = new Http(base);
    assertError(405, http.send("TRACE", storedKey(http), null, null));
  }

  private String storedKey(Http http) {
    String key = "bad:" + UUID.randomUUID();
    assertEquals(201, http.put(key, STORED).statusCode());
    return key;
  }

  private static void assertError(int status, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
    String sentence = Http.json(response).getString("error");
    assertFalse(sentence.isBlank());
    assertFalse(sentence.contains("Exception"), sentence);
    assertFalse(sentence.contains("dev.kvstore"), sentence);
  }
}
