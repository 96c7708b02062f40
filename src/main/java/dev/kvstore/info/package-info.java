/**
 * Info: {@code GET /_info} answers {@code {"version","backend","keys","expiring_keys","sweep":
 * {"runs","deleted","last_run","last_deleted","last_duration_ms"},"started_at","uptime_seconds"}}.
 *
 * <ul>
 *   <li>I1 — the key counts are of live keys at the request's time (an expired key that the sweep
 *       has not removed yet is not counted); they are counted for each request.
 *   <li>I2 — it needs a read token without a key prefix: counts over every key are not for a token
 *       confined to some of them.
 *   <li>I3 — once the application is up it logs one line: version, HTTP port (Payara's {@code
 *       payara.instance.http.port}), backend and data directory.
 * </ul>
 */
package dev.kvstore.info;
