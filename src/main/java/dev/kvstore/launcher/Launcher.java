package dev.kvstore.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Starts Payara Micro with the settings Payara reads before the application can (U1–U4). */
public final class Launcher {

  private static final String DEFAULT_PORT = "8080";

  static final String STATEMENT_CACHE_SIZE = "kv.db.statement-cache-size";

  /** Time a stopping server goes on serving, so requests under way can finish. */
  private static final String DEFAULT_GRACE_SECONDS = "5";

  /** Exit status of a wrong setting, as the application's own check ({@code EX_CONFIG}). */
  private static final int EXIT_CONFIG = 78;

  private Launcher() {}

  public static void main(String[] args) throws ReflectiveOperationException {
    Map<String, String> env = System.getenv();
    String port = env.getOrDefault("KV_PORT", DEFAULT_PORT);
    requireNumber("KV_PORT", port, 1, 65535);
    String grace = env.getOrDefault("KV_SHUTDOWN_GRACE_SECONDS", DEFAULT_GRACE_SECONDS);
    requireNumber("KV_SHUTDOWN_GRACE_SECONDS", grace, 0, 300);
    // Payara Micro's shutdown grace: on SIGTERM it goes on serving this long, then stops
    System.setProperty("fish.payara.shutdowngrace", Long.toString(Long.parseLong(grace) * 1000));
    // as MicroProfile Config ranks them: system property, environment variable, default
    Path dataDir =
        Path.of(System.getProperty("kv.data.dir", env.getOrDefault("KV_DATA_DIR", "data")));
    if (System.getProperty("derby.stream.error.file") == null && isDirectory(dataDir)) {
      System.setProperty("derby.stream.error.file", dataDir.resolve("derby.log").toString());
    }
    statementCacheSize(env, System.getProperties())
        .ifPresent(size -> System.setProperty(STATEMENT_CACHE_SIZE, size));
    List<String> options = new ArrayList<>(List.of("--port", port));
    options.addAll(List.of(args)); // later options win: a --port given here replaces KV_PORT
    Class.forName("fish.payara.micro.PayaraMicro")
        .getMethod("main", String[].class)
        .invoke(null, (Object) options.toArray(String[]::new));
  }

  /**
   * S12: on PostgreSQL the connection pool keeps no prepared statements unless told to (README,
   * {@code kv.db.statement-cache-size}; the pool reads it before the application can): the driver
   * keeps its own, and discarding the pool after an outage would cancel each running statement
   * through the stalled server. Empty when the setting is given or the database is Derby.
   */
  static Optional<String> statementCacheSize(Map<String, String> env, Properties system) {
    boolean given =
        system.getProperty(STATEMENT_CACHE_SIZE) != null
            || env.containsKey("KV_DB_STATEMENT_CACHE_SIZE");
    String url = system.getProperty("kv.db.url", env.getOrDefault("KV_DB_URL", ""));
    return given || url.isBlank() ? Optional.empty() : Optional.of("0");
  }

  /** Whether the directory is there or could be made; if not, the application says why. */
  private static boolean isDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** U3: a wrong value stops the launch with one line, as the application's settings do. */
  private static void requireNumber(String variable, String value, long min, long max) {
    try {
      long number = Long.parseLong(value);
      if (number >= min && number <= max) {
        return;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    System.err.printf(
        "kvstore cannot start: %s must be a whole number from %d to %d, not \"%s\"%n",
        variable, min, max, value);
    System.exit(EXIT_CONFIG);
  }
}
