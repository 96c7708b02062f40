package dev.kvstore.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kvstore.it.Http;
import dev.kvstore.it.JarServers;
import dev.kvstore.it.MicroServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A4: with no token configured, kvstore serves loopback clients only. The other client is real: it
 * runs in a network namespace this test creates, joined to the host by a veth pair on a private /30
 * of its own, and both are removed afterwards.
 */
@ExtendWith(JarServers.class)
class ProtectedModeIT {

  @Test
  void a4AClientOffLoopbackIsRefusedWithASentenceOnHowToConfigureATokenWhileLoopbackIsServed(
      MicroServer server) throws Exception {
    assumeTrue(
        run(List.of("ip", "netns", "list")).exitCode == 0,
        "needs root and iproute2 to make a network namespace; skipped here");
    int subnet = ThreadLocalRandom.current().nextInt(0, 64) * 4;
    String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 99_999));
    String namespace = "kvns" + suffix;
    String hostSide = "kvh" + suffix;
    String clientSide = "kvc" + suffix;
    String hostAddress = "10.213.7." + (subnet + 1);
    String clientAddress = "10.213.7." + (subnet + 2);
    try {
      must(List.of("ip", "netns", "add", namespace));
      must(List.of("ip", "link", "add", hostSide, "type", "veth", "peer", "name", clientSide));
      must(List.of("ip", "link", "set", clientSide, "netns", namespace));
      must(List.of("ip", "addr", "add", hostAddress + "/30", "dev", hostSide));
      must(List.of("ip", "link", "set", hostSide, "up"));
      must(inside(namespace, "ip", "addr", "add", clientAddress + "/30", "dev", clientSide));
      must(inside(namespace, "ip", "link", "set", clientSide, "up"));

      Result remote =
          run(
              inside(
                  namespace,
                  "curl",
                  "-s",
                  "--max-time",
                  "10",
                  "-w",
                  "\n%{http_code}",
                  "http://" + hostAddress + ":" + server.port() + "/some-key"));
      String[] lines = remote.output.strip().split("\n");
      assertEquals("403", lines[lines.length - 1], remote.output);
      assertTrue(remote.output.contains("KV_ADMIN_TOKEN"), remote.output);
      assertTrue(remote.output.contains("protected mode"), remote.output);

      assertEquals(404, server.http().get("some-key").statusCode(), "loopback is served");
      assertEquals(201, server.http().put(Http.uniqueKey("local"), "{\"value\": 1}").statusCode());
    } finally {
      run(List.of("ip", "link", "del", hostSide));
      run(List.of("ip", "netns", "del", namespace));
    }
  }

  private static List<String> inside(String namespace, String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(List.of(command));
    return full;
  }

  private record Result(int exitCode, String output) {}

  private static void must(List<String> command) throws Exception {
    Result result = run(command);
    assertEquals(0, result.exitCode, command + ": " + result.output);
  }

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, "timed out");
    }
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
