package dev.kvstore.entries.boundary;

import dev.kvstore.entries.control.Condition;
import dev.kvstore.entries.control.Refusal;
import dev.kvstore.entries.control.Written;
import dev.kvstore.errors.ErrorBody;
import dev.kvstore.errors.FailureMapper;
import dev.kvstore.errors.InvalidRequest;
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
import java.util.Enumeration;

/**
 * E16: a plain SET is done here, in front of the JAX-RS runtime, by the code that does it for
 * {@link EntriesResource} ({@link Sets}), and answered as the resource answers it — the same
 * status, headers and body, refusals and failures included ({@link ErrorBody}, {@link
 * FailureMapper}) — and counted in the same metrics (M1). The JAX-RS runtime's routing, request
 * scope, filters and response writing were about a quarter of such a SET's CPU ({@code
 * bench/results/2026-11-30-8.md}).
 *
 * <p>A plain SET is a {@code PUT} or {@code POST} that is a plain request of one key ({@link
 * PlainRequests}) with a {@code Content-Type} of exactly {@code application/json}: no precondition,
 * no parameter, nothing that JAX-RS would read differently. Every other request goes on to JAX-RS,
 * which answers it as it would without this filter.
 */
@WebFilter(urlPatterns = "/*")
public class PlainSets extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject transient Sets sets;

  @Inject transient FailureMapper failures;

  @Inject transient AnsweredRequests metrics;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long started = System.nanoTime();
    String operation = operation(request);
    String key = operation == null ? null : PlainRequests.key(request);
    if (key == null) {
      chain.doFilter(request, response);
      return;
    }
    int status;
    try {
      status = set(key, request, response);
    } catch (InvalidRequest e) { // as InvalidRequestMapper answers it
      status = e.status();
      ErrorBody.send(response, status, e.getMessage());
    } catch (Refusal e) { // as RefusalMapper answers it
      status = e.status();
      ErrorBody.send(response, status, e.getMessage());
    } catch (RuntimeException e) { // as FailureMapper answers it
      FailureMapper.Answer failure = failures.answer(e);
      failure.retryAfter().ifPresent(s -> response.setHeader(HttpHeaders.RETRY_AFTER, s));
      status = failure.status();
      ErrorBody.send(response, status, failure.sentence());
    }
    metrics.answered(operation, status, started);
  }

  /** Sets the key and answers as {@link EntriesResource#put} does; returns the status. */
  private int set(String key, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Written written = sets.set(key, request.getInputStream(), () -> Condition.NONE);
    int status = written.created() ? HttpServletResponse.SC_CREATED : HttpServletResponse.SC_OK;
    if (written.created()) { // the request's URL: its path is the key's, as sent
      response.setHeader(HttpHeaders.LOCATION, request.getRequestURL().toString());
    }
    PlainRequests.send(response, status, written.entry(), written.toJson());
    return status;
  }

  /**
   * The operation of a request that may be a plain SET (its metrics name); null otherwise. One
   * {@code Content-Type} line: several are refused by {@code BodyHeaders}, which may come after.
   */
  static String operation(HttpServletRequest request) {
    Enumeration<String> types = request.getHeaders(HttpHeaders.CONTENT_TYPE);
    if (!types.hasMoreElements()
        || !MediaType.APPLICATION_JSON.equals(types.nextElement())
        || types.hasMoreElements()) {
      return null;
    }
    return switch (request.getMethod()) {
      case HttpMethod.PUT -> EntriesResource.PUT_ENTRY;
      case HttpMethod.POST -> EntriesResource.SET_ENTRY;
      default -> null;
    };
  }
}
