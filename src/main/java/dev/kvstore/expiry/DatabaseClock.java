package dev.kvstore.expiry;

import dev.kvstore.storage.Database;
import dev.kvstore.storage.DatabaseUnavailable;
import dev.kvstore.storage.SqlErrors;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * X6: the one clock every expiry decision reads — this machine's clock, corrected to the database's
 * by an offset measured at start and before every sweep. Instances whose own clocks differ still
 * agree on every expiry, as they share the database's time. Tests put an adjustable clock in its
 * place.
 */
@ApplicationScoped
public class DatabaseClock extends Clock {

  private static final Logger LOG = Logger.getLogger(DatabaseClock.class.getName());

  /** Pretends this machine's clock is off by so much, to show that the offset corrects it. */
  @Inject
  @ConfigProperty(name = "kv.clock.skew-seconds")
  long skewSeconds;

  @Inject Database database;

  private volatile long offsetMillis;

  @PostConstruct
  void measureAtStart() {
    synchronize();
  }

  /**
   * Measures the database's clock against this one: the database's time minus the middle of the
   * round trip that read it. A database that cannot answer keeps the last offset.
   */
  public void synchronize() {
    try {
      long before = localMillis();
      long databaseMillis = database.currentTimeMillis();
      long after = localMillis();
      long offset = databaseMillis - (before + after) / 2;
      if (Math.abs(offset - offsetMillis) >= Duration.ofSeconds(1).toMillis()) {
        LOG.info(() -> "This clock is " + -offset + " ms off the database's; corrected");
      }
      offsetMillis = offset;
    } catch (DatabaseUnavailable e) {
      LOG.warning(() -> "The database's clock cannot be read: " + SqlErrors.describe(e));
    }
  }

  private long localMillis() {
    return System.currentTimeMillis() + skewSeconds * 1000;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(localMillis() + offsetMillis);
  }

  @Override
  public long millis() {
    return localMillis() + offsetMillis;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(instant(), zone);
  }
}
