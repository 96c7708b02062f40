/**
 * Health, by MicroProfile Health, served by Payara Micro at {@code /_health} ({@code
 * /_health/live}, {@code /_health/ready}).
 *
 * <ul>
 *   <li>H1 — readiness: the database answers a validity check within 2 seconds; down (503) while it
 *       is unreachable, up again when it returns, without a restart (the pool validates its
 *       connections, see {@code storage} S6).
 *   <li>H2 — liveness: the application answers; a database outage makes kvstore not ready, not
 *       dead.
 * </ul>
 */
package dev.kvstore.health;
