package dev.kvstore.storage;

/**
 * A CDI event: the database failed other than by a lock wait, or a readiness probe found it down.
 * What is kept in memory from it is dropped (S14), so that no request is answered from memory while
 * the database cannot confirm it, nor after it comes back changed (restored from a backup, say).
 */
public final class DatabaseLost {}
