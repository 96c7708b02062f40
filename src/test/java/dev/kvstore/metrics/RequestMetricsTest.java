package dev.kvstore.metrics;

import static dev.kvstore.testing.Fakes.fake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.junit.jupiter.api.Test;

class RequestMetricsTest {

  private static final int THREADS = 8;
  private static final int REQUESTS_PER_THREAD = 50;

  /**
   * A registry that, like Payara's, must not create two metrics at once: it counts the creations
   * that overlapped another, and each metric's updates.
   */
  private static final class Registry {
    final AtomicInteger creating = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();
    final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
    final Map<String, LongAdder> updates = new ConcurrentHashMap<>();

    MetricRegistry proxy() {
      return fake(
          MetricRegistry.class,
          (name, args) -> {
            String key = name + " " + tags((Tag[]) args[1]);
            if (creating.incrementAndGet() > 1) {
              overlaps.incrementAndGet();
            }
            try {
              Thread.sleep(2); // as long as a creation may take, for others to overlap it
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            creating.decrementAndGet();
            created.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            LongAdder count = updates.computeIfAbsent(key, k -> new LongAdder());
            Class<?> type = name.equals("timer") ? Timer.class : Counter.class;
            return fake(type, (method, ignored) -> countUpdate(count));
          });
    }

    private static Object countUpdate(LongAdder count) {
      count.increment();
      return null;
    }

    private static String tags(Tag[] tags) {
      List<String> pairs = new ArrayList<>();
      for (Tag tag : tags) {
        pairs.add(tag.getTagName() + "=" + tag.getTagValue());
      }
      return String.join(",", pairs);
    }
  }

  @Test
  void firstRequestsOfManyOperationsAtOnceCreateEachMetricOnceAndOneAtATime() throws Exception {
    Registry registry = new Registry();
    ThreadLocal<Method> matched = new ThreadLocal<>();
    RequestMetrics metrics = new RequestMetrics();
    metrics.answered = new AnsweredRequests();
    metrics.answered.registry = registry.proxy();
    metrics.resource =
        fake(
            ResourceInfo.class,
            (name, args) -> name.equals("getResourceMethod") ? matched.get() : null);
    ContainerRequestContext request =
        fake(ContainerRequestContext.class, (name, args) -> System.nanoTime());
    ContainerResponseContext response = fake(ContainerResponseContext.class, (name, args) -> 200);

    Method[] operations = Operations.class.getDeclaredMethods();
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int thread = 0; thread < THREADS; thread++) {
        Method operation = operations[thread % operations.length];
        done.add(
            pool.submit(
                () -> {
                  matched.set(operation);
                  start.await();
                  for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                    metrics.filter(request, response);
                  }
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(0, registry.overlaps.get(), "metrics created while another was being created");
    assertEquals(2 * operations.length, registry.created.size(), registry.created.toString());
    registry.created.forEach((metric, times) -> assertEquals(1, times.get(), metric));
    long perOperation = (long) THREADS / operations.length * REQUESTS_PER_THREAD;
    for (Method operation : operations) {
      String name = operation.getName();
      assertEquals(
          perOperation, registry.updates.get("counter operation=" + name + ",status=200").sum());
      assertEquals(perOperation, registry.updates.get("timer operation=" + name).sum());
    }
  }

  /** Four operations, each named by its method (no OpenAPI annotation). */
  private static final class Operations {
    void get() {}

    void put() {}

    void incr() {}

    void delete() {}
  }
}
