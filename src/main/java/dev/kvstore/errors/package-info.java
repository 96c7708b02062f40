/**
 * Errors: every failure answers {@code {"error": "<a sentence saying what to fix>"}}.
 *
 * <ul>
 *   <li>R1 — a client's mistake ({@link dev.kvstore.errors.InvalidRequest}, or JAX-RS's own 404,
 *       405, 406, 415) answers its 4xx status with a sentence, and is not logged.
 *   <li>R2 — a lock wait that timed out, a large PATCH or batch that found no memory for its trees
 *       in time ({@link dev.kvstore.errors.ServerBusy}) or an unreachable database answers 503 with
 *       {@code Retry-After}; the request changed nothing.
 *   <li>R3 — any other failure is a bug: 500 with a body that names no class; the stack trace goes
 *       to the server log only.
 *   <li>R4 — never an HTML page: an error status is always sent with its JSON body, also one the
 *       JAX-RS runtime answers without a body ({@link dev.kvstore.errors.BodilessErrors}).
 *   <li>R5 — before anything reads a body, a {@code Content-Type} that is not one media type
 *       answers 400 and a {@code Content-Encoding} other than {@code identity} 415 ({@link
 *       dev.kvstore.errors.BodyHeaders}).
 * </ul>
 */
package dev.kvstore.errors;
