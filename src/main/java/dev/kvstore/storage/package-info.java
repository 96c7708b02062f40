/**
 * Storage: the data source, the schema and the database settings kvstore relies on.
 *
 * <ul>
 *   <li>S1 — embedded Derby in {@code kv.data.dir} ({@code KV_DATA_DIR}, default {@code ./data}),
 *       created on first start; commits are durable (Derby's default; {@code
 *       derby.system.durability=test} is never set).
 *   <li>S2 — the schema ({@code META-INF/sql}) is created by the application when the table is
 *       missing, not by JPA schema generation, so that restarts log nothing about it. On Derby
 *       every table and index is stored in pages of one size, 32 KiB, so that Derby's page cache
 *       reuses its buffers (bench/results/2026-11-29-10.md); the 4 KiB expiry index of a database
 *       created before is built again at start.
 *   <li>S3 — lock waits end after {@code kv.lock.timeout-seconds} (5) and deadlocks are detected
 *       within 2 s; such a request answers 503 with {@code Retry-After}.
 *   <li>S4 — versions come from blocks of 1000 reserved from the sequence {@code KV_VERSION_BLOCK},
 *       each in a transaction of its own ({@link dev.kvstore.storage.Versions}): unique in the
 *       database, increasing within one server, and no statement per write.
 *   <li>S5 — the JPA provider's exceptions leave a store as {@link
 *       dev.kvstore.storage.DatabaseUnavailable} ({@link dev.kvstore.storage.DatabaseFailures}), so
 *       they are answered, not logged with a stack trace by the container.
 *   <li>S6 — the pool validates a connection before it hands it out ({@code isValid}; set to
 *       discard all its connections when one is dead): connections closed by a database that went
 *       away are not reused, and a database that comes back is used again without a restart.
 *   <li>S7 — EclipseLink does not retry a query whose connection was lost ({@link
 *       dev.kvstore.storage.SessionSetup}): the request answers 503 at once, the client retries.
 *   <li>S8 — the settings are checked ({@link dev.kvstore.settings.Settings}) as the persistence
 *       unit deploys, before the first connection: a wrong one stops the server with one line.
 *   <li>S9 — when the application stops (SIGTERM), embedded Derby is shut down after every other
 *       bean, so its files are closed cleanly.
 *   <li>S10 — with {@code kv.db.url} ({@code KV_DB_URL}, {@code jdbc:postgresql://host:port/db}),
 *       {@code kv.db.user} and {@code kv.db.password} the same WAR runs on PostgreSQL ({@link
 *       dev.kvstore.storage.KvDataSource}); its schema is created on first start, keys ordered by
 *       code point ({@code COLLATE "C"}), lock waits bounded by {@code lock_timeout}, a first write
 *       inserted with {@code ON CONFLICT DO NOTHING}.
 *   <li>S11 — a database that may lose acknowledged commits is refused at start: Derby with {@code
 *       derby.system.durability=test}, PostgreSQL with {@code fsync} or {@code synchronous_commit}
 *       off. So is a database that cannot be reached: one line, exit status 78.
 *   <li>S12 — a PostgreSQL that stops answering never hangs a request: opening a connection gives
 *       up after 1 s, a statement after {@code kv.lock.timeout-seconds} (the server ends lock waits
 *       half a second before, any statement a quarter second before, so a lock wait is always told
 *       as one), and the pool checks connections without a round trip, so a request answers 503
 *       within the lock timeout + 2 s (a statement, then two attempts at a new connection); 4 s
 *       with a 2 s lock timeout. No lock is held across a statement: writers that need a new block
 *       of versions wait for the one reservation under way ({@link dev.kvstore.storage.Versions};
 *       Derby refuses two at once), no longer than it may take. The pool keeps no prepared
 *       statements on PostgreSQL ({@code kv.db.statement-cache-size} 0, set by the launcher): when
 *       it discards its connections, closing a cached statement that runs makes the driver cancel
 *       it through a new connection, which waited on the stalled server while the pool was locked.
 *   <li>S13 — instances started at once on a new PostgreSQL database create its schema once: each
 *       looks for and creates the tables under an advisory lock held until its transaction commits.
 *   <li>S14 — when the database fails other than by a lock wait, or a readiness probe finds it down
 *       ({@link dev.kvstore.storage.DatabaseLost}), what is kept in memory from it (the read cache,
 *       whether a token is issued) is dropped and asked of the database again.
 *   <li>S15 — values are written by the application's own statements ({@link
 *       dev.kvstore.entries.control.EntryStore}), and a value of 32 Ki characters or more is handed
 *       to the driver as a stream that lets go of it once read or once the statement has run
 *       ({@link dev.kvstore.storage.LargeText}): bound whole, embedded Derby copied it into the
 *       connection's log buffers, which never shrink, and kept it in the statement's parameters and
 *       last row — each connection that once wrote a 1 MB value held about 3 MB more for good.
 * </ul>
 */
package dev.kvstore.storage;
