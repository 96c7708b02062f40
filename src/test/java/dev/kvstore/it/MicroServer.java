package dev.kvstore.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * kvstore started the way the README starts it — {@code java -jar target/kvstore.jar} with the
 * {@code KV_*} environment — as a process of its own, for the tests that stop and start the server.
 */
public final class MicroServer implements AutoCloseable {

  private static final Duration BOOT_LIMIT = Duration.ofSeconds(180);

  private final Process process;
  private final Path log;
  private final Http http;
  private final int port;
  private final Path dataDir;

  private MicroServer(Process process, Path log, int port, Path dataDir) {
    this.process = process;
    this.dataDir = dataDir;
    this.log = log;
    this.port = port;
    this.http = new Http("http://127.0.0.1:" + port + "/");
  }

  /**
   * Starts a server on a free port with {@code KV_DATA_DIR} and returns once it answers; fails if
   * anything else answered on its port first (Payara's own 404 or 500 pages before deployment).
   */
  public static MicroServer start(Path dataDir, Path log) throws IOException, InterruptedException {
    return start(dataDir, log, Map.of());
  }

  /** The same, with more environment variables ({@code KV_ADMIN_TOKEN}, ...). */
  public static MicroServer start(Path dataDir, Path log, Map<String, String> environment)
      throws IOException, InterruptedException {
    MicroServer server = launch(dataDir, log, environment);
    server.awaitReady();
    return server;
  }

  /** What {@link #startAll} starts: a data directory, its log and more environment variables. */
  public record Start(Path dataDir, Path log, Map<String, String> environment) {}

  /**
   * Several servers launched at once and returned once every one answers: a start mostly waits on
   * its own JVM, so two or three take little longer than one.
   */
  public static List<MicroServer> startAll(List<Start> starts)
      throws IOException, InterruptedException {
    List<MicroServer> servers = new ArrayList<>();
    try {
      for (Start start : starts) {
        servers.add(launch(start.dataDir(), start.log(), start.environment()));
      }
      for (MicroServer server : servers) {
        server.awaitReady();
      }
      return servers;
    } catch (IOException | InterruptedException | RuntimeException e) {
      servers.forEach(server -> server.process.destroyForcibly());
      throw e;
    }
  }

  /**
   * Starts a server that is expected not to start, and returns its exit status once it has ended
   * (or -1 if it still runs after the boot limit; it is then killed).
   */
  public static int exitStatusOfStart(Path dataDir, Path log, Map<String, String> environment)
      throws IOException, InterruptedException {
    Process process = launch(dataDir, log, environment).process;
    if (process.waitFor(BOOT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      return process.exitValue();
    }
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    return -1;
  }

  private static MicroServer launch(Path dataDir, Path log, Map<String, String> environment)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
    command.add("-Xmx512m");
    // test servers live for seconds: the quick compiler alone starts them a quarter sooner
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.add("-Dderby.stream.error.file=" + derbyLog(dataDir));
    command.addAll(List.of("-jar", System.getProperty("kvstore.jar")));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("KV_DATA_DIR", dataDir.toString());
    builder.environment().put("KV_PORT", Integer.toString(port));
    // tests stop many servers: no grace period unless a test asks for one
    builder.environment().put("KV_SHUTDOWN_GRACE_SECONDS", "0");
    if (Postgresql.isSelected() && !environment.containsKey("KV_DB_URL")) {
      builder.environment().putAll(Postgresql.environment(databaseOf(dataDir)));
    }
    builder.environment().putAll(environment);
    return new MicroServer(builder.start(), log, port, dataDir);
  }

  /** On the PostgreSQL run, the database that stands for the data directory. */
  private static String databaseOf(Path dataDir) {
    try {
      String path = dataDir.toAbsolutePath().normalize().toString();
      return Postgresql.createDatabaseOfRun(Integer.toHexString(path.hashCode()));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("No database for " + dataDir, e);
    }
  }

  /** Derby's own log of the server on {@code dataDir}: beside the directory, not in it. */
  public static Path derbyLog(Path dataDir) {
    return dataDir.resolveSibling(dataDir.getFileName() + "-derby.log");
  }

  public Http http() {
    return http;
  }

  /** Derby's own log of this server. */
  public Path derbyLog() {
    return derbyLog(dataDir);
  }

  /** Its {@code KV_DATA_DIR}. */
  public Path dataDir() {
    return dataDir;
  }

  /** The port the server listens on. */
  public int port() {
    return port;
  }

  /**
   * Writes the stacks of the server's threads to {@code file} ({@code jcmd Thread.print}), for a
   * test to show where a request waits; returns once written, or after 20 s.
   */
  public void dumpThreads(Path file) throws IOException, InterruptedException {
    String jcmd = new File(System.getProperty("java.home"), "bin/jcmd").getPath();
    Process dump =
        new ProcessBuilder(jcmd, Long.toString(process.pid()), "Thread.print")
            .redirectErrorStream(true)
            .redirectOutput(file.toFile())
            .start();
    if (!dump.waitFor(20, TimeUnit.SECONDS)) {
      dump.destroyForcibly();
    }
  }

  /** What the server has logged so far. */
  public String log() throws IOException {
    return Files.readString(log);
  }

  /** Whether the server's log holds this text anywhere. */
  public boolean logContains(String text) {
    try {
      return Files.readString(log).contains(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGTERM, as a service manager stops it, and waits for the process to end. */
  @Override
  public void close() {
    stop();
  }

  /** SIGTERM, and the exit status once the process has ended (-1 if it had to be killed). */
  public int stop() {
    sigterm();
    return awaitExit();
  }

  /** SIGTERM, as a service manager sends it; returns at once. */
  public void sigterm() {
    process.destroy();
  }

  /** The exit status once the process has ended by itself (-1 if it had to be killed). */
  public int awaitExit() {
    try {
      if (process.waitFor(60, TimeUnit.SECONDS)) {
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    return -1;
  }

  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + BOOT_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The server exited with " + process.exitValue());
      }
      HttpResponse<String> probe;
      try {
        probe = http.get("readiness-probe");
      } catch (UncheckedIOException notYet) {
        Thread.sleep(250); // not listening yet: the port opens once the application is deployed
        continue;
      }
      String type = probe.headers().firstValue("Content-Type").orElse("");
      if (probe.body().startsWith("{\"error\"") && type.startsWith("application/json")) {
        return;
      }
      process.destroyForcibly();
      throw new IllegalStateException(
          "The port answered before kvstore did: "
              + probe.statusCode()
              + " "
              + type
              + " (server-config keeps it closed until the application is deployed)");
    }
    process.destroyForcibly();
    throw new IllegalStateException("The server did not answer within " + BOOT_LIMIT);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
