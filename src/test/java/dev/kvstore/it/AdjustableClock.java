package dev.kvstore.it;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system clock plus an offset that tests move forward, so that expiry is reached without
 * sleeping. Within a test class it only moves forward: tests that run after one that advanced it
 * see a consistent (later) time. Each class starts on the system time ({@link #reset}, called by
 * {@code dev.kvstore.it.container.SharedMicroContainer} when the class gets the server).
 */
@Alternative
@Priority(1000)
@ApplicationScoped
public class AdjustableClock extends Clock {

  private final AtomicLong offsetMillis = new AtomicLong();

  /** Moves the clock forward. */
  public void advance(Duration duration) {
    offsetMillis.addAndGet(duration.toMillis());
  }

  /** Back to the system time. */
  public void reset() {
    offsetMillis.set(0);
  }

  @Override
  public Instant instant() {
    return Instant.now().plusMillis(offsetMillis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
