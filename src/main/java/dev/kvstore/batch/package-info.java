/**
 * Batches: {@code POST /_batch} with {@code {"atomic"?: true, "ops": [...]}}, up to {@code
 * kv.batch.max-ops} (1000) ops of kind {@code get}, {@code set}, {@code delete}, {@code incr},
 * {@code decr}, {@code expire} or {@code persist}, each with the fields of its single-key request;
 * answers {@code {"results": [{"status": s, ...the single-key answer..., "version"?: v}]}}.
 *
 * <ul>
 *   <li>B1 — the whole batch is parsed and checked first: a malformed op (unknown kind or field, no
 *       or a bad key, a bad value) answers 400 naming it ({@code ops[3]: ...}) and nothing runs.
 *   <li>B2 — an op may carry one condition: {@code if_version} (compare-and-set: a version, 1 or
 *       more, that a missing key never has), {@code if_absent: true} or {@code if_present: true}.
 *   <li>B3 — an atomic batch (the default) is one transaction that runs its ops in key order (ops
 *       on one key keep their order; ops on different keys commute), so every batch locks rows and
 *       inserts new keys in one global order: batches over the same keys in any order never
 *       deadlock. Results come in the ops' order. A batch that still loses a lock wait is retried,
 *       up to three times, as it changed nothing.
 *   <li>B4 — in an atomic batch, a failed condition or a failing op answers 409 {@code {"error",
 *       "failed_op", "results"}} and nothing is applied; the results hold what ran before it (in
 *       key order) and {@code null} for ops that did not run. A {@code get} or {@code delete} of an
 *       absent key is only a 404 result, as a single request would answer.
 *   <li>B5 — {@code "atomic": false} runs each op in a transaction of its own and reports each
 *       result, failures included.
 *   <li>B6 — the answer is bounded as the request is: a {@code get} whose value would take the
 *       results beyond {@code kv.body.max-bytes} characters is a 413 result ("GET this key on its
 *       own"), in either mode; it aborts nothing, and a write's result, already applied, is always
 *       given. Memory per batch stays near the body limit whatever the values' sizes: where a value
 *       might not fit, a {@code get} with no condition first asks the database for its length and
 *       leaves a longer one unread.
 * </ul>
 */
package dev.kvstore.batch;
