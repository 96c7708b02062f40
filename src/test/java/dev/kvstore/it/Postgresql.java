package dev.kvstore.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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

  /** The user the tests and the servers they start connect as. */
  public static final String USER = System.getProperty("kvstore.postgresql.user", "postgres");

  /** The system property naming this test run's databases (they start with it). */
  public static final String RUN_PROPERTY = "kvstore.postgresql.run";

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

  /** Whether this test run is the one on PostgreSQL ({@code -Dkvstore.backend=postgresql}). */
  public static boolean isSelected() {
    return "postgresql".equals(System.getProperty("kvstore.backend"));
  }

  /**
   * The database of this run for {@code purpose}, created when it is not there yet: the same
   * purpose (a data directory, say) finds the same database again, as a restart finds its files.
   */
  public static String createDatabaseOfRun(String purpose) throws SQLException {
    String name = databaseOfRun(purpose);
    try (Connection connection = connect("postgres");
        var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      if (!exists.executeQuery().next()) {
        execute("postgres", "CREATE DATABASE " + name);
      }
    }
    return name;
  }

  /** The name of this run's database for {@code purpose}. */
  public static String databaseOfRun(String purpose) {
    return System.getProperty(RUN_PROPERTY) + "_" + purpose;
  }

  /** Makes a database unavailable: no new connection is allowed, the open ones are ended. */
  public static void takeOffline(String database) throws SQLException {
    execute("postgres", "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
    try (Connection connection = connect("postgres");
        var sessions =
            connection.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?")) {
      sessions.setString(1, database);
      sessions.executeQuery().close();
    }
  }

  /** Makes a database available again. */
  public static void bringOnline(String database) throws SQLException {
    execute("postgres", "ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
  }

  /**
   * Pauses the whole PostgreSQL server, as a stalled machine or network would: the postmaster and
   * every process it started receive SIGSTOP (the tests run as the server's user or as root). The
   * returned handle resumes them with SIGCONT; so does the end of the test JVM, should a test never
   * get to close it.
   */
  public static Paused pause() throws SQLException, IOException, InterruptedException {
    ProcessHandle postmaster;
    try (Connection connection = connect("postgres");
        var backend = connection.createStatement().executeQuery("SELECT pg_backend_pid()")) {
      backend.next();
      postmaster =
          ProcessHandle.of(backend.getLong(1))
              .flatMap(ProcessHandle::parent)
              .orElseThrow(() -> new IllegalStateException("the postmaster is not visible"));
    }
    Paused paused = new Paused(postmaster);
    Runtime.getRuntime().addShutdownHook(paused.resumeAtExit);
    paused.stop();
    return paused;
  }

  /** A paused server; {@link #close()} resumes it. */
  public static final class Paused implements AutoCloseable {
    private final ProcessHandle postmaster;
    private final List<ProcessHandle> stopped = new ArrayList<>();
    private final Thread resumeAtExit = new Thread(this::resume);

    private Paused(ProcessHandle postmaster) {
      this.postmaster = postmaster;
    }

    private void stop() throws IOException, InterruptedException {
      // the postmaster first: once it is stopped it starts no new process
      if (kill("-STOP", List.of(postmaster)) != 0) {
        throw new IllegalStateException("the postmaster cannot be paused: not run as its user?");
      }
      stopped.add(postmaster);
      stopped.addAll(postmaster.descendants().toList());
      kill("-STOP", stopped); // a backend that just ended is no longer there to stop: not an error
    }

    private static int kill(String signal, List<ProcessHandle> processes)
        throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(List.of("kill", signal));
      processes.forEach(process -> command.add(Long.toString(process.pid())));
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    }

    private void resume() {
      try {
        kill("-CONT", stopped);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      resume();
      Runtime.getRuntime().removeShutdownHook(resumeAtExit);
    }
  }

  /** Drops every database of this run. */
  public static void dropDatabasesOfRun() {
    try (Connection connection = connect("postgres");
        var names =
            connection.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ?")) {
      names.setString(1, System.getProperty(RUN_PROPERTY) + "\\_%");
      var rows = names.executeQuery();
      while (rows.next()) {
        dropDatabase(rows.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("The run's databases cannot be dropped", e);
    }
  }

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

  /** The JDBC URL of a database. */
  public static String url(String database) {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
  }
}
