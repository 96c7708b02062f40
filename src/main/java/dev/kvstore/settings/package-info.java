/**
 * Settings: every {@code kv.*} MicroProfile Config property, its default ({@code
 * META-INF/microprofile-config.properties}) and what a valid value is.
 *
 * <ul>
 *   <li>G1 — each setting is read from, in order of precedence, a {@code -D} system property, an
 *       environment variable ({@code kv.lock.timeout-seconds} → {@code KV_LOCK_TIMEOUT_SECONDS})
 *       and the defaults file.
 *   <li>G2 — before the application opens the database, every setting is checked; the first wrong
 *       one stops the server (exit status 78) with one log line naming the setting, its environment
 *       variable and what it must be. A data directory must exist or be creatable, and be readable
 *       and writable.
 * </ul>
 */
package dev.kvstore.settings;
