/**
 * Expiry: the clock and the active expiry sweep (lazy expiry is rule E5 of {@code entries}).
 *
 * <ul>
 *   <li>X1 — one {@link java.time.Clock} decides every expiry; tests replace it, nobody sleeps.
 *   <li>X2 — every {@code kv.expiry.sweep.interval-seconds} (60) a non-persistent EJB timer deletes
 *       expired rows in batches of {@code kv.expiry.sweep.batch-size} (500), each batch its own
 *       transaction, until none is left or {@code kv.expiry.sweep.time-budget-ms} (5000) is spent;
 *       the rest waits for the next run.
 *   <li>X3 — the DELETE re-checks the expiry, so a key rewritten after it was picked survives.
 *   <li>X4 — one run at a time; a run that deleted something logs {@code Deleted N expired keys};
 *       runs, keys deleted, the last run's start and duration are kept as statistics.
 *   <li>X5 — on PostgreSQL a batch picks its keys with {@code FOR UPDATE SKIP LOCKED}: instances
 *       sweeping at the same time take disjoint batches, neither waits for nor deadlocks with the
 *       other.
 *   <li>X6 — every expiry is decided on the database's clock: this machine's clock plus an offset
 *       to the database's, measured at start and before every sweep ({@code DatabaseClock}), so
 *       instances whose clocks differ agree on every TTL. {@code kv.clock.skew-seconds} (tests)
 *       pretends this machine's clock is off.
 * </ul>
 *
 * <p>Expiry instants are stored, never TTLs, so a restart never resets a TTL.
 */
package dev.kvstore.expiry;
