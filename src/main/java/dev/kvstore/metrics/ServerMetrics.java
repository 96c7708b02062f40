package dev.kvstore.metrics;

import dev.kvstore.storage.SqlErrors;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/** M1, M4: what the server counts besides the answers of resources. */
@ApplicationScoped
public class ServerMetrics {

  private static final Metadata AUTH_REFUSALS =
      counter("kv_auth_refusals", "Requests refused by authentication, by HTTP status.");

  @Inject MetricRegistry registry;

  private Counter sweeps;
  private Counter sweptKeys;
  private Timer sweepDuration;
  private Counter lockTimeouts;
  private Counter databaseErrors;
  private Counter writeGroups;
  private Counter groupedWrites;

  @PostConstruct
  void register() {
    sweeps = registry.counter(counter("kv_expiry_sweeps", "Expiry sweep runs."));
    sweptKeys =
        registry.counter(counter("kv_expiry_deleted_keys", "Expired keys the sweeps deleted."));
    sweepDuration =
        registry.timer(
            Metadata.builder()
                .withName("kv_expiry_sweep_duration")
                .withDescription("Duration of expiry sweep runs.")
                .withUnit(MetricUnits.NANOSECONDS)
                .build());
    lockTimeouts =
        registry.counter(counter("kv_lock_timeouts", "Lock waits that timed out or deadlocked."));
    databaseErrors =
        registry.counter(
            counter("kv_database_errors", "Database failures other than lock timeouts."));
    writeGroups =
        registry.counter(
            counter("kv_write_groups", "Transactions that applied clients' single-key writes."));
    groupedWrites =
        registry.counter(
            counter("kv_write_group_writes", "Writes applied by those transactions, all told."));
    for (int status : new int[] {400, 401, 403}) {
      registry.counter(AUTH_REFUSALS, new Tag("status", Integer.toString(status)));
    }
  }

  /** A request that authentication answered itself (400, 401 or 403). */
  public void authenticationRefused(int status) {
    registry.counter(AUTH_REFUSALS, new Tag("status", Integer.toString(status))).inc();
  }

  /** Observing the start-up creates this bean, so every series is scraped from the start, at 0. */
  void createAtStartup(@Observes Startup startup) {}

  public void sweepRan(long deleted, Duration took) {
    sweeps.inc();
    sweptKeys.inc(deleted);
    sweepDuration.update(took);
  }

  /** Counts a failure that was handled where it happened, as a lock timeout or else an error. */
  public void failed(Throwable e) {
    if (SqlErrors.isLockTimeout(e)) {
      lockTimedOut();
    } else {
      databaseFailed();
    }
  }

  /** One transaction committed {@code writes} of clients' single-key writes (E12, E14). */
  public void writesApplied(int writes) {
    writeGroups.inc();
    groupedWrites.inc(writes);
  }

  public void lockTimedOut() {
    lockTimeouts.inc();
  }

  public void databaseFailed() {
    databaseErrors.inc();
  }

  private static Metadata counter(String name, String description) {
    return Metadata.builder().withName(name).withDescription(description).build();
  }
}
