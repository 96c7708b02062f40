package dev.kvstore.metrics;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** M1: counts and times every request by its operation; the status is counted as answered. */
@Provider
@PreMatching
public class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

  /** A request that no resource method matched (an unknown path or method). */
  static final String NO_OPERATION = "none";

  private static final String STARTED_NANOS = RequestMetrics.class.getName() + ".started";

  private static final Metadata REQUESTS =
      Metadata.builder()
          .withName("kv_requests")
          .withDescription("Requests answered, by operation and HTTP status.")
          .build();

  private static final Metadata DURATION =
      Metadata.builder()
          .withName("kv_request_duration")
          .withDescription("Time from the request's arrival to its answer, by operation.")
          .withUnit(MetricUnits.NANOSECONDS) // recorded in nanoseconds, exported in seconds
          .build();

  /**
   * Payara's registry cannot create two timers at once (its TimerImpl updates a shared HashMap: a
   * ConcurrentModificationException, which made the first requests after a start answer 500): every
   * metric is created under this lock, once, and kept.
   */
  private static final Object CREATING = new Object();

  @Inject MetricRegistry registry;

  @Context ResourceInfo resource;

  private final Map<Method, String> operations = new ConcurrentHashMap<>();

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED_NANOS, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String operation = operation(resource.getResourceMethod());
    int status = response.getStatus();
    metric(
            counters,
            operation + ' ' + status,
            () ->
                registry.counter(
                    REQUESTS,
                    new Tag("operation", operation),
                    new Tag("status", Integer.toString(status))))
        .inc();
    if (request.getProperty(STARTED_NANOS) instanceof Long started) {
      metric(timers, operation, () -> registry.timer(DURATION, new Tag("operation", operation)))
          .update(Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private static <M> M metric(Map<String, M> metrics, String key, Supplier<M> create) {
    M metric = metrics.get(key);
    if (metric != null) {
      return metric;
    }
    synchronized (CREATING) {
      return metrics.computeIfAbsent(key, k -> create.get());
    }
  }

  private String operation(Method method) {
    return method == null ? NO_OPERATION : operations.computeIfAbsent(method, RequestMetrics::id);
  }

  /** The OpenAPI operation id, which names the operation in the API document too. */
  private static String id(Method method) {
    Operation operation = method.getAnnotation(Operation.class);
    return operation == null || operation.operationId().isEmpty()
        ? method.getName()
        : operation.operationId();
  }
}
