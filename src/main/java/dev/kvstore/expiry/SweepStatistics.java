package dev.kvstore.expiry;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the active expiry has done since start-up.
 *
 * @param runs sweeps run
 * @param deleted expired entries deleted by all sweeps
 * @param lastRun when the last sweep started, empty before the first
 * @param lastDeleted entries the last sweep deleted
 * @param lastDuration how long the last sweep took
 */
public record SweepStatistics(
    long runs, long deleted, Optional<Instant> lastRun, long lastDeleted, Duration lastDuration) {

  static final SweepStatistics NONE = new SweepStatistics(0, 0, Optional.empty(), 0, Duration.ZERO);

  SweepStatistics after(Instant started, long deletedNow, Duration took) {
    return new SweepStatistics(
        runs + 1, deleted + deletedNow, Optional.of(started), deletedNow, took);
  }
}
