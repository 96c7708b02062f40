package dev.kvstore.entries.boundary;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.kvstore.ResponseHeaders;
import dev.kvstore.auth.boundary.Access;
import dev.kvstore.entries.control.EntryCache;
import dev.kvstore.entries.entity.Entry;
import dev.kvstore.metrics.AnsweredRequests;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * E15: a GET of a key that the read cache holds live (E11) is answered here, in front of the JAX-RS
 * runtime, with what {@link EntriesResource#get} answers — the same status, headers and body, made
 * by the same methods — and counted in the same metrics (M1). The JAX-RS runtime's routing, request
 * scope, filters and response writing were about 29 % of such a GET's CPU ({@code
 * bench/results/2026-11-30-6.md}).
 *
 * <p>Only the plainest GET is taken: a path of one key in plain characters (no percent-encoding, no
 * {@code ;}, no trailing slash), no query, no {@code If-Match} or {@code If-None-Match}, no {@code
 * Content-Type} or {@code Content-Encoding}, an {@code Accept} that is absent, {@code *}/* or
 * {@code application/json}, and a caller whose token may read the key: authentication has run
 * before any filter. Every other request, and every key the cache does not hold live, goes on to
 * JAX-RS, which answers it as it would without this filter.
 */
@WebFilter(urlPatterns = "/*")
public class CachedReads extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject transient EntryCache cache;

  @Inject transient Clock clock;

  @Inject transient Access access;

  @Inject transient AnsweredRequests metrics;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long started = System.nanoTime();
    String key = plainGet(request);
    if (key == null || !answered(key, response)) {
      chain.doFilter(request, response);
      return;
    }
    metrics.answered(EntriesResource.GET_ENTRY, HttpServletResponse.SC_OK, started);
  }

  /** Answers with the key's entry when the cache holds it live and the caller may read it. */
  private boolean answered(String key, HttpServletResponse response) throws IOException {
    Instant now = clock.instant();
    Optional<Entry> entry = cache.live(key, now);
    if (entry.isEmpty() || !access.mayRead(key)) {
      return false;
    }
    byte[] body = entry.get().toJson(now).getBytes(UTF_8);
    response.setStatus(HttpServletResponse.SC_OK);
    response.setHeader(HttpHeaders.ETAG, Preconditions.etagHeader(entry.get()));
    response.setHeader(ResponseHeaders.NOSNIFF, ResponseHeaders.NOSNIFF_VALUE);
    response.setContentType(MediaType.APPLICATION_JSON);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    return true;
  }

  /** The key of a GET that this filter may answer; null for any other request. */
  static String plainGet(HttpServletRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    if (!HttpMethod.GET.equals(request.getMethod())
        || request.getQueryString() != null
        || request.getHeader(HttpHeaders.IF_MATCH) != null
        || request.getHeader(HttpHeaders.IF_NONE_MATCH) != null
        || request.getHeader(HttpHeaders.CONTENT_TYPE) != null
        || request.getHeader(HttpHeaders.CONTENT_ENCODING) != null
        || !(accept == null || accept.equals("*/*") || accept.equals(MediaType.APPLICATION_JSON))) {
      return null;
    }
    String path = request.getRequestURI();
    int from = request.getContextPath().length() + 1;
    if (path.length() <= from || path.charAt(from - 1) != '/') {
      return null;
    }
    for (int i = from; i < path.length(); i++) {
      if (!isPlain(path.charAt(i))) {
        return null;
      }
    }
    String key = path.substring(from);
    return key.equals(".") || key.equals("..") ? null : key;
  }

  /**
   * A character that stands for itself in a path segment and that JAX-RS hands over unchanged: RFC
   * 3986's unreserved characters, its sub-delimiters but {@code ;} (E13), {@code :} and {@code @}.
   */
  private static boolean isPlain(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || "-._~!$&'()*+,=:@".indexOf(c) >= 0;
  }
}
