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
 * </ul>
 *
 * <p>Expiry instants are stored, never TTLs, so a restart never resets a TTL.
 */
package dev.kvstore.expiry;
