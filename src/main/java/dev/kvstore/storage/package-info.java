/**
 * Storage: the data source, the schema and the database settings kvstore relies on.
 *
 * <ul>
 *   <li>S1 — embedded Derby in {@code kv.data.dir} ({@code KV_DATA_DIR}, default {@code ./data}),
 *       created on first start; commits are durable (Derby's default; {@code
 *       derby.system.durability=test} is never set).
 *   <li>S2 — the schema ({@code META-INF/sql}) is created by the application when the table is
 *       missing, not by JPA schema generation, so that restarts log nothing about it.
 *   <li>S3 — lock waits end after {@code kv.lock.timeout-seconds} (5) and deadlocks are detected
 *       within 2 s; such a request answers 503 with {@code Retry-After}.
 * </ul>
 */
package dev.kvstore.storage;
