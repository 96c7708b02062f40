package dev.kvstore.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * The PostgreSQL of the test machine (127.0.0.1:5432, user {@code postgres}, trust auth; {@code
 * kvstore.postgresql.*} system properties change it), and databases of its own that a test creates
 * and drops.
 */
public final class Postgresql {

  private static final String HOST = System.getProperty("kvstore.postgresql.host", "127.0.0.1");
  private static final String PORT = System.getProperty("kvstore.postgresql.port", "5432");
  private static final String USER = System.getProperty("kvstore.postgresql.user", "postgres");

  private Postgresql() {}

  /** Whether a server answers; tests that need one are skipped, with this reason, without it. */
  public static boolean isReachable() {
    try (Connection connection = connect("postgres")) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  public static final String UNREACHABLE =
      "no PostgreSQL at " + HOST + ":" + PORT + " (user " + USER + "): PostgreSQL tests skipped";

  /** Creates a new, empty database and returns its name. */
  public static String createDatabase(String purpose) throws SQLException {
    String name = ("kv_" + purpose + "_" + UUID.randomUUID()).replace('-', '_');
    execute("postgres", "CREATE DATABASE " + name);
    return name;
  }

  /** Drops a database, closing the sessions still on it. */
  public static void dropDatabase(String name) throws SQLException {
    execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** Runs one statement in a database. */
  public static void execute(String database, String sql) throws SQLException {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Opens a connection to a database, for a test to look at what the server stored. */
  public static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), USER, "");
  }

  /** The settings that put a kvstore server on a database. */
  public static Map<String, String> environment(String database) {
    return Map.of("KV_DB_URL", url(database), "KV_DB_USER", USER);
  }

  private static String url(String database) {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
  }
}
