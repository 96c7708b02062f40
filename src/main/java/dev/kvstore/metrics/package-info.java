/**
 * Metrics: what an operations team scrapes from {@code /_metrics} (MicroProfile Metrics, Prometheus
 * text), in the application scope ({@code mp_scope="application"}).
 *
 * <ul>
 *   <li>M1 — every request the application answers counts once in {@code
 *       kv_requests_total{operation,status}} and is timed in {@code
 *       kv_request_duration_seconds{operation}} (histogram buckets from 1 ms to 10 s). The
 *       operation is the OpenAPI operation id of the resource method ({@code getEntry}, {@code
 *       setEntry}, …); a request no method matched is {@code none}. Requests that authentication
 *       refuses never reach the application and count in {@code kv_auth_refusals_total{status}}.
 *   <li>M2 — {@code kv_keys} and {@code kv_keys_expiring} count live keys and live keys with a TTL.
 *       Counting reads every key, so a count is reused for {@code
 *       kv.metrics.key-count-max-age-seconds} (10): a scrape never costs more than one count per
 *       period.
 *   <li>M3 — {@code kv_expiry_backlog_keys} is the number of expired keys not yet deleted and
 *       {@code kv_expiry_lag_seconds} how long ago the oldest of them expired (0 with no backlog):
 *       both read the expiry index only, on every scrape.
 *   <li>M4 — {@code kv_expiry_sweeps_total}, {@code kv_expiry_deleted_keys_total} and {@code
 *       kv_expiry_sweep_duration_seconds} follow the active expiry; {@code kv_lock_timeouts_total}
 *       and {@code kv_database_errors_total} count lock waits that timed out and database failures,
 *       whether a request, a batch retry or a sweep met them.
 *   <li>M5 — a figure that cannot be had (the database is down) is reported as NaN, never as a
 *       failed scrape.
 * </ul>
 *
 * <p>Labels never carry keys, values or tokens: a label per key would make the series unbounded.
 */
package dev.kvstore.metrics;
