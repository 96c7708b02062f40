/**
 * TTL commands on {@code /{key}/ttl}: {@code GET} (TTL), {@code PUT} with {@code {"ttl": s}} or
 * {@code {"expires_at": t}} (EXPIRE / EXPIREAT) and {@code DELETE} (PERSIST); each answers {@code
 * {"key","ttl_remaining","expires_at"}}.
 *
 * <ul>
 *   <li>T1 — a TTL change takes exactly one of {@code ttl} and {@code expires_at}, under the rules
 *       of E2; anything else answers 400.
 *   <li>T2 — a TTL change needs a live key: on a missing key it answers 404, on an expired one it
 *       removes the row and answers 404 — it never brings the old value back. It keeps the value
 *       and writes a new version.
 * </ul>
 */
package dev.kvstore.ttl;
