package dev.kvstore.storage;

import java.util.Optional;

/** What differs between the databases kvstore runs on. */
public enum Dialect {
  /** Derby undoes only the failed statement on a duplicate key, so a plain insert will do. */
  DERBY(
      "VALUES NEXT VALUE FOR KV_VERSION_BLOCK",
      "INSERT INTO KV_ENTRY (ENTRY_KEY, JSON_VALUE, EXPIRES_AT, VERSION_NO, CREATED_AT, UPDATED_AT)"
          + " VALUES (?, ?, ?, ?, ?, ?)",
      "/META-INF/sql/derby-",
      null,
      "VALUES CURRENT_TIMESTAMP",
      null),
  /**
   * PostgreSQL aborts the whole transaction on a duplicate key, so the insert skips an existing key
   * instead ({@code ON CONFLICT DO NOTHING} waits for a concurrent insert of it to end, then counts
   * 0).
   */
  POSTGRESQL(
      "SELECT nextval('KV_VERSION_BLOCK')",
      "INSERT INTO KV_ENTRY (ENTRY_KEY, JSON_VALUE, EXPIRES_AT, VERSION_NO, CREATED_AT, UPDATED_AT)"
          + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ENTRY_KEY) DO NOTHING",
      "/META-INF/sql/postgresql-",
      "SELECT ENTRY_KEY FROM KV_ENTRY WHERE EXPIRES_AT <= ? ORDER BY EXPIRES_AT LIMIT ?"
          + " FOR UPDATE SKIP LOCKED",
      "SELECT clock_timestamp()",
      // any constant the instances share: the key of the advisory lock that guards the schema
      "SELECT pg_advisory_xact_lock(7453287619)");

  private final String nextVersionSql;
  private final String insertIfAbsentSql;
  private final String schemaScriptPrefix;
  private final String lockExpiredKeysSql;
  private final String currentTimestampSql;
  private final String schemaLockSql;

  Dialect(
      String nextVersionSql,
      String insertIfAbsentSql,
      String schemaScriptPrefix,
      String lockExpiredKeysSql,
      String currentTimestampSql,
      String schemaLockSql) {
    this.schemaLockSql = schemaLockSql;
    this.currentTimestampSql = currentTimestampSql;
    this.nextVersionSql = nextVersionSql;
    this.insertIfAbsentSql = insertIfAbsentSql;
    this.schemaScriptPrefix = schemaScriptPrefix;
    this.lockExpiredKeysSql = lockExpiredKeysSql;
  }

  /** The dialect of a database, by the product name its JDBC driver reports. */
  public static Dialect of(String databaseProductName) {
    if (databaseProductName.contains("Derby")) {
      return DERBY;
    }
    if (databaseProductName.contains("PostgreSQL")) {
      return POSTGRESQL;
    }
    throw new IllegalStateException("Unsupported database: " + databaseProductName);
  }

  /** A query answering the first version of the next free block of {@link Versions#BLOCK}. */
  public String nextVersionBlockSql() {
    return nextVersionSql;
  }

  /**
   * Inserts a row (key, value, expiry, version, created, updated) and counts 1, or counts 0 or
   * fails with SQLState 23505 when the key exists.
   */
  public String insertIfAbsentSql() {
    return insertIfAbsentSql;
  }

  /**
   * A query (expiry instant, limit) that picks and locks expired keys, longest expired first,
   * skipping rows locked by others; empty where the database cannot skip locked rows.
   */
  public Optional<String> lockExpiredKeysSql() {
    return Optional.ofNullable(lockExpiredKeysSql);
  }

  /** A query answering the database's current time, as a timestamp. */
  public String currentTimestampSql() {
    return currentTimestampSql;
  }

  /**
   * A statement that makes the calling transaction the only one, across every instance, that looks
   * for and creates the schema; empty where a single process owns the database (embedded Derby).
   */
  public Optional<String> schemaLockSql() {
    return Optional.ofNullable(schemaLockSql);
  }

  /** The class-path resource holding a table's DDL, statements separated by {@code ;}. */
  public String schemaScript(String table) {
    return schemaScriptPrefix + table.toLowerCase(java.util.Locale.ROOT) + ".sql";
  }
}
