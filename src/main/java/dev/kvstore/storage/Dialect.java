package dev.kvstore.storage;

/** What differs between the databases kvstore runs on. */
public enum Dialect {
  /** Derby undoes only the failed statement on a duplicate key, so a plain insert will do. */
  DERBY(
      "VALUES NEXT VALUE FOR KV_VERSION_BLOCK",
      "INSERT INTO KV_ENTRY (ENTRY_KEY, JSON_VALUE, EXPIRES_AT, VERSION_NO, CREATED_AT, UPDATED_AT)"
          + " VALUES (?, ?, ?, ?, ?, ?)",
      "/META-INF/sql/derby-"),
  /**
   * PostgreSQL aborts the whole transaction on a duplicate key, so the insert skips an existing key
   * instead ({@code ON CONFLICT DO NOTHING} waits for a concurrent insert of it to end, then counts
   * 0).
   */
  POSTGRESQL(
      "SELECT nextval('KV_VERSION_BLOCK')",
      "INSERT INTO KV_ENTRY (ENTRY_KEY, JSON_VALUE, EXPIRES_AT, VERSION_NO, CREATED_AT, UPDATED_AT)"
          + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ENTRY_KEY) DO NOTHING",
      "/META-INF/sql/postgresql-");

  private final String nextVersionSql;
  private final String insertIfAbsentSql;
  private final String schemaScriptPrefix;

  Dialect(String nextVersionSql, String insertIfAbsentSql, String schemaScriptPrefix) {
    this.nextVersionSql = nextVersionSql;
    this.insertIfAbsentSql = insertIfAbsentSql;
    this.schemaScriptPrefix = schemaScriptPrefix;
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

  /** The class-path resource holding a table's DDL, statements separated by {@code ;}. */
  public String schemaScript(String table) {
    return schemaScriptPrefix + table.toLowerCase(java.util.Locale.ROOT) + ".sql";
  }
}
