package dev.kvstore.testing;

import static dev.kvstore.testing.Fakes.fake;

import dev.kvstore.metrics.AnsweredRequests;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request to a servlet filter under test, and a response that records what the filter sent: its
 * status, its headers and its body. Any other call to either fails the test.
 */
public final class ServletExchange {

  /** The status sent; 0 while none was. */
  public int status;

  /** The headers sent, by name; {@code Content-Type} and {@code Content-Length} among them. */
  public final Map<String, String> headers = new HashMap<>();

  /** What the filter counted in the metrics: operation and status, one entry per answer. */
  public final List<String> answered = new ArrayList<>();

  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  /**
   * A request to {@code uri} (a path and any query) in the root context, with these headers (the
   * lines of a header that is sent twice separated by a line break) and this body.
   */
  public static HttpServletRequest request(
      String method, String uri, Map<String, String> headers, String body) {
    int query = uri.indexOf('?');
    ByteArrayInputStream in = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    ServletInputStream input =
        new ServletInputStream() {
          @Override
          public int read() {
            return in.read();
          }

          @Override
          public boolean isFinished() {
            return in.available() == 0;
          }

          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setReadListener(ReadListener listener) {}
        };
    return fake(
        HttpServletRequest.class,
        (name, args) ->
            switch (name) {
              case "getMethod" -> method;
              case "getRequestURI" -> query < 0 ? uri : uri.substring(0, query);
              case "getRequestURL" -> new StringBuffer("http://kv.example:8080" + uri);
              case "getQueryString" -> query < 0 ? null : uri.substring(query + 1);
              case "getContextPath" -> "";
              case "getHeader" -> headers.get((String) args[0]);
              case "getHeaders" ->
                  Collections.enumeration(
                      headers.containsKey((String) args[0])
                          ? List.of(headers.get((String) args[0]).split("\n"))
                          : List.<String>of());
              case "getInputStream" -> input;
              default -> throw new AssertionError("unexpected " + name);
            });
  }

  /** The response, which records what is sent. */
  public HttpServletResponse response() {
    ServletOutputStream out =
        new ServletOutputStream() {
          @Override
          public void write(int b) {
            body.write(b);
          }

          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {}
        };
    return fake(
        HttpServletResponse.class,
        (name, args) ->
            switch (name) {
              case "setStatus" -> status = (Integer) args[0];
              case "setHeader", "addHeader" -> headers.put((String) args[0], (String) args[1]);
              case "setContentType" -> headers.put("Content-Type", (String) args[0]);
              case "setContentLength" -> headers.put("Content-Length", args[0].toString());
              case "getOutputStream" -> out;
              default -> throw new AssertionError("unexpected " + name);
            });
  }

  /** The filter's metrics, which record what it counts in {@link #answered}. */
  public AnsweredRequests metrics() {
    return new AnsweredRequests() {
      @Override
      public void answered(String operation, int status, long startedNanos) {
        answered.add(operation + " " + status);
      }
    };
  }

  /** The body sent, as UTF-8. */
  public String body() {
    return body.toString(StandardCharsets.UTF_8);
  }

  /** Whether nothing at all was sent. */
  public boolean nothingSent() {
    return status == 0 && headers.isEmpty() && body.size() == 0;
  }
}
