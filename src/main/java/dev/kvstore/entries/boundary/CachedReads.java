package dev.kvstore.entries.boundary;

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
 * <p>Only the plainest GET is taken: a plain request of one key ({@link PlainRequests}) without a
 * {@code Content-Type}, by a caller whose token may read the key: authentication has run before any
 * filter. Every other request, and every key the cache does not hold live, goes on to JAX-RS, which
 * answers it as it would without this filter.
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
    PlainRequests.send(response, HttpServletResponse.SC_OK, entry.get(), entry.get().toJson(now));
    return true;
  }

  /** The key of a GET that this filter may answer ({@link PlainRequests}); null otherwise. */
  static String plainGet(HttpServletRequest request) {
    return HttpMethod.GET.equals(request.getMethod())
            && request.getHeader(HttpHeaders.CONTENT_TYPE) == null
        ? PlainRequests.key(request)
        : null;
  }
}
