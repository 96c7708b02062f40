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
 * kvstore started the way the README starts it — {@code payara-micro.jar} with the WAR, the
 * pre-boot commands and the {@code KV_*} environment — as a process of its own, for the tests that
 * stop and start the server.
 */
public final class MicroServer implements AutoCloseable {

  private static final Duration BOOT_LIMIT = Duration.ofSeconds(180);

  private final Process process;
  private final Path log;
  private final Http http;
  private final int port;

  private MicroServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.http = new Http("http://127.0.0.1:" + port + "/");
  }

  /** Starts a server on a free port with {@code KV_DATA_DIR} and returns once it answers. */
  public static MicroServer start(Path dataDir, Path log) throws IOException, InterruptedException {
    return start(dataDir, log, Map.of());
  }

  /** The same, with more environment variables ({@code KV_ADMIN_TOKEN}, ...). */
  public static MicroServer start(Path dataDir, Path log, Map<String, String> environment)
      throws IOException, InterruptedException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
    command.add("-Xmx512m");
    command.add("-Dderby.stream.error.file=" + dataDir.resolveSibling("derby-restart.log"));
    command.addAll(List.of("-jar", System.getProperty("payara.microJar")));
    command.addAll(List.of("--deploy", System.getProperty("kvstore.war"), "--contextroot", "/"));
    command.addAll(List.of("--port", Integer.toString(port), "--nocluster", "--disablephonehome"));
    command.addAll(
        List.of(
            "--prebootcommandfile",
            System.getProperty("kvstore.serverConfig") + "/pre-boot-commands.asadmin"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("KV_DATA_DIR", dataDir.toString());
    builder.environment().putAll(environment);
    MicroServer server = new MicroServer(builder.start(), log, port);
    server.awaitReady();
    return server;
  }

  public Http http() {
    return http;
  }

  /** The port the server listens on. */
  public int port() {
    return port;
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
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + BOOT_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The server exited with " + process.exitValue());
      }
      try {
        HttpResponse<String> probe = http.get("readiness-probe");
        if (probe.body().startsWith("{\"error\"")
            && probe
                .headers()
                .firstValue("Content-Type")
                .orElse("")
                .startsWith("application/json")) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
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
