package dev.kvstore.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP client for the black-box tests: JSON in, status and JSON out. */
public final class Http {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final String base;
  private final String[] headers;

  /**
   * A client of the server at {@code base}, always reached through loopback: the container may
   * report the machine's own address, but tests send nothing off loopback.
   */
  public Http(URL base) {
    this("http://127.0.0.1:" + base.getPort() + base.getPath());
  }

  public Http(String base) {
    this(base, new String[0]);
  }

  private Http(String base, String[] headers) {
    this.base = base.endsWith("/") ? base : base + "/";
    this.headers = headers;
  }

  /** The same client, sending these headers (name, value, ...) with every request. */
  public Http with(String... headers) {
    return new Http(base, headers);
  }

  /** The same client, authenticated by a bearer token. */
  public Http bearer(String token) {
    return with("Authorization", "Bearer " + token);
  }

  /** The path of a key, percent-encoded as one path segment. */
  public static String path(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public HttpResponse<String> get(String path) {
    return send("GET", path, null, "application/json");
  }

  public HttpResponse<String> delete(String path) {
    return send("DELETE", path, null, "application/json");
  }

  public HttpResponse<String> post(String path, String json) {
    return send("POST", path, json, "application/json");
  }

  public HttpResponse<String> put(String path, String json) {
    return send("PUT", path, json, "application/json");
  }

  /**
   * Any method, with a body of the given content type when the body is not null, and extra headers
   * as name, value, name, value...
   */
  public HttpResponse<String> send(
      String method, String path, String body, String contentType, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (this.headers.length > 0) {
      request.headers(this.headers);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      request.method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * What is stored under a key — GET's body without {@code ttl_remaining}, which ticks — to check
   * that a refused request changed nothing.
   */
  public String stored(String key) {
    HttpResponse<String> response = get(key);
    if (response.statusCode() != 200) {
      return response.statusCode() + " " + response.body();
    }
    var state = jakarta.json.Json.createObjectBuilder(json(response));
    return state.remove("ttl_remaining").build().toString();
  }

  /** A key no other test uses. */
  public static String uniqueKey(String name) {
    return name + ":" + java.util.UUID.randomUUID();
  }

  /** Moves the test deployment's clock forward. */
  public void advanceClock(long seconds) {
    HttpResponse<String> moved = post("_test/clock?seconds=" + seconds, "");
    if (moved.statusCode() != 200) {
      throw new IllegalStateException("the clock did not move: " + moved.body());
    }
  }

  /**
   * Has another transaction of the test deployment lock the key's row for {@code millis}, as a slow
   * writer would; returns once it holds the lock.
   */
  public void holdLock(String key, long millis) {
    HttpResponse<String> held = post("_test/hold-lock?millis=" + millis + "&key=" + key, "");
    if (!held.body().equals("true")) {
      throw new IllegalStateException("the row was not locked: " + held.body());
    }
  }

  /**
   * Has a task of the test deployment take the whole JSON tree budget for {@code millis}, as many
   * large PATCHes at once would; returns once it holds it.
   */
  public void holdTreeBudget(long millis) {
    HttpResponse<String> held = post("_test/hold-tree-budget?millis=" + millis, "");
    if (!held.body().equals("true")) {
      throw new IllegalStateException("the budget was not taken: " + held.body());
    }
  }

  /** Puts the test deployment's clock back on the system time. */
  public void resetClock() {
    HttpResponse<String> reset = delete("_test/clock");
    if (reset.statusCode() != 200) {
      throw new IllegalStateException("the clock was not reset: " + reset.body());
    }
  }

  /** The body of a response as a JSON object. */
  public static JsonObject json(HttpResponse<String> response) {
    try (var reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readObject();
    }
  }
}
