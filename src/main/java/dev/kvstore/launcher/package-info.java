/**
 * Launcher: the entry point of {@code target/kvstore.jar}, the Payara Micro uber-jar that holds the
 * WAR and {@code server-config}. It runs before Payara Micro, in the same JVM, and is never used by
 * the deployed application.
 *
 * <ul>
 *   <li>U1 — the HTTP port comes from {@code KV_PORT} (default 8080); a port given on the command
 *       line ({@code --port}) wins.
 *   <li>U2 — on SIGTERM the server goes on serving for {@code KV_SHUTDOWN_GRACE_SECONDS} (5), so
 *       that requests under way finish (Payara Micro's shutdown grace), then stops; the application
 *       then closes the database (S9).
 *   <li>U3 — a {@code KV_PORT} or grace that is not a number in range stops the launch with one
 *       line (exit status 78), as the application's own settings do (G2).
 *   <li>U4 — Derby's own log goes to {@code <KV_DATA_DIR>/derby.log} unless {@code
 *       -Dderby.stream.error.file} says otherwise, not into the working directory.
 * </ul>
 */
package dev.kvstore.launcher;
