package dev.kvstore.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

/**
 * M1's figures: each answered request counted by its operation and status, and timed by its
 * operation. Fed by {@link RequestMetrics} for what JAX-RS answers, and by the filters in front of
 * it for what they answer themselves: {@code dev.kvstore.entries.boundary.CachedReads} (GETs) and
 * {@code PlainSets} (SETs).
 */
@ApplicationScoped
public class AnsweredRequests {

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

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  /** Counts and times an answer to a request that arrived at {@code startedNanos} (nanoTime). */
  public void answered(String operation, int status, long startedNanos) {
    counted(operation, status);
    metric(timers, operation, () -> registry.timer(DURATION, new Tag("operation", operation)))
        .update(Duration.ofNanos(System.nanoTime() - startedNanos));
  }

  /** Counts an answer whose arrival time is not known: not timed. */
  void counted(String operation, int status) {
    metric(
            counters,
            operation + ' ' + status,
            () ->
                registry.counter(
                    REQUESTS,
                    new Tag("operation", operation),
                    new Tag("status", Integer.toString(status))))
        .inc();
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
}
