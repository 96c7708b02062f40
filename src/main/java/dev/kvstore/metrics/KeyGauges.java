package dev.kvstore.metrics;

import dev.kvstore.entries.control.KeyCensus;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/** M2, M3, M5: the key gauges, read from the database when a scrape asks for them. */
@ApplicationScoped
public class KeyGauges {

  private static final Logger LOG = Logger.getLogger(KeyGauges.class.getName());

  /** A count and the {@link System#nanoTime()} it was taken at. */
  private record Count(KeyCensus.Live live, long takenNanos) {}

  @Inject
  @ConfigProperty(name = "kv.metrics.key-count-max-age-seconds")
  long maxAgeSeconds;

  @EJB KeyCensus census;

  @Inject Clock clock;

  @Inject MetricRegistry registry;

  private volatile Count count;

  @PostConstruct
  void register() {
    gauge("kv_keys", MetricUnits.NONE, "Live keys.", g -> g.live().keys());
    gauge("kv_keys_expiring", MetricUnits.NONE, "Live keys with a TTL.", g -> g.live().expiring());
    gauge(
        "kv_expiry_backlog_keys",
        MetricUnits.NONE,
        "Expired keys that no sweep has deleted yet.",
        g -> g.census.backlog(g.clock.instant()).keys());
    gauge(
        "kv_expiry_lag",
        MetricUnits.SECONDS,
        "How long ago the oldest expired key that is still stored expired; 0 without one.",
        KeyGauges::lagSeconds);
  }

  /** Observing the start-up creates this bean, so every series is scraped from the start. */
  void createAtStartup(@Observes Startup startup) {}

  private KeyCensus.Live live() {
    Count last = count;
    long now = System.nanoTime();
    if (last == null || now - last.takenNanos() >= Duration.ofSeconds(maxAgeSeconds).toNanos()) {
      last = new Count(census.live(clock.instant()), now);
      count = last;
    }
    return last.live();
  }

  private double lagSeconds() {
    Instant now = clock.instant();
    return census
        .backlog(now)
        .oldestExpiry()
        .map(oldest -> Duration.between(oldest, now).toMillis() / 1000.0)
        .orElse(0.0);
  }

  private void gauge(
      String name, String unit, String description, ToDoubleFunction<KeyGauges> reading) {
    Metadata metadata =
        Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
    registry.gauge(metadata, this, gauges -> gauges.read(name, reading));
  }

  /** M5: NaN when the database cannot answer; the scrape itself still succeeds. */
  private double read(String name, ToDoubleFunction<KeyGauges> reading) {
    try {
      return reading.applyAsDouble(this);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, () -> name + " unavailable: " + e);
      return Double.NaN;
    }
  }
}
