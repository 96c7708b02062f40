package dev.kvstore.expiry;

import dev.kvstore.entries.control.EntryStore;
import dev.kvstore.metrics.ServerMetrics;
import dev.kvstore.storage.DatabaseUnavailable;
import dev.kvstore.storage.SqlErrors;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Active expiry: every interval, deletes expired entries in bounded batches (X1–X4).
 *
 * <p>Lazy expiry already keeps expired entries from being served; this sweep reclaims the rows of
 * keys nobody reads again. As in Redis's active expiry cycle, one run has a time budget, so a large
 * backlog is worked off over several runs instead of in one long pause.
 */
@Singleton
@Startup
@DependsOn("Database")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ExpirySweeper {

  private static final Logger LOG = Logger.getLogger(ExpirySweeper.class.getName());

  @Inject
  @ConfigProperty(name = "kv.expiry.sweep.interval-seconds")
  long intervalSeconds;

  /** Rows per batch: each batch is one transaction, far below Derby's 5,000-row lock escalation. */
  @Inject
  @ConfigProperty(name = "kv.expiry.sweep.batch-size")
  int batchSize;

  @Inject
  @ConfigProperty(name = "kv.expiry.sweep.time-budget-ms")
  long timeBudgetMillis;

  @EJB EntryStore store;

  @Inject Clock clock;

  /** The production clock, set right before each run even where tests read another one. */
  @Inject DatabaseClock databaseClock;

  @Inject ServerMetrics metrics;

  @Resource TimerService timers;

  private final ReentrantLock running = new ReentrantLock();

  private volatile SweepStatistics statistics = SweepStatistics.NONE;

  @PostConstruct
  void schedule() {
    long intervalMillis = Duration.ofSeconds(intervalSeconds).toMillis();
    // Non-persistent: a sweep missed while the server was down is harmless, the next one catches
    // up.
    timers.createIntervalTimer(intervalMillis, intervalMillis, new TimerConfig("expiry", false));
  }

  /** Each batch runs in a transaction of its own, not in one around the whole sweep. */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void onInterval() {
    sweep();
  }

  /**
   * One run: batches of expired entries until none is left or the time budget is spent. A run
   * already under way makes this call return 0 at once (X4).
   *
   * @return the entries deleted
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public long sweep() {
    if (!running.tryLock()) {
      return 0;
    }
    try {
      databaseClock.synchronize();
      Instant started = clock.instant();
      long startedNanos = System.nanoTime();
      long deadline = startedNanos + Duration.ofMillis(timeBudgetMillis).toNanos();
      long deleted = 0;
      int batch;
      try {
        do {
          batch = store.removeExpired(clock.instant(), batchSize);
          deleted += batch;
        } while (batch == batchSize && System.nanoTime() < deadline);
      } catch (DatabaseUnavailable e) {
        metrics.failed(e);
        LOG.warning(
            () ->
                "Expiry sweep stopped early, the database is unavailable: "
                    + SqlErrors.describe(e));
      }
      Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
      statistics = statistics.after(started, deleted, took);
      metrics.sweepRan(deleted, took);
      if (deleted > 0) {
        long total = deleted;
        LOG.info(() -> "Deleted " + total + " expired keys in " + took.toMillis() + " ms");
      }
      return deleted;
    } finally {
      running.unlock();
    }
  }

  public SweepStatistics statistics() {
    return statistics;
  }
}
