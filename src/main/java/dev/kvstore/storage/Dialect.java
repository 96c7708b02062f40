package dev.kvstore.storage;

/** What differs between the databases kvstore runs on. */
public enum Dialect {
  DERBY("VALUES NEXT VALUE FOR KV_VERSION", "/META-INF/sql/derby.sql");

  private final String nextVersionSql;
  private final String schemaScript;

  Dialect(String nextVersionSql, String schemaScript) {
    this.nextVersionSql = nextVersionSql;
    this.schemaScript = schemaScript;
  }

  /** The dialect of a database, by the product name its JDBC driver reports. */
  public static Dialect of(String databaseProductName) {
    if (databaseProductName.contains("Derby")) {
      return DERBY;
    }
    throw new IllegalStateException("Unsupported database: " + databaseProductName);
  }

  /** A query answering the next value of the version sequence. */
  public String nextVersionSql() {
    return nextVersionSql;
  }

  /** The class-path resource holding the DDL, statements separated by {@code ;}. */
  public String schemaScript() {
    return schemaScript;
  }
}
