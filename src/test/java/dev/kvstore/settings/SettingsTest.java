package dev.kvstore.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** G1, G2: every setting's rule, and the sentence that names the first wrong one. */
class SettingsTest {

  @TempDir Path dir;

  private Optional<String> problem(Map<String, String> values) {
    Map<String, String> all = new HashMap<>();
    all.put("kv.data.dir", dir.toString());
    all.put("kv.value.max-bytes", "1048576");
    all.put("kv.body.max-bytes", "2097152");
    all.putAll(values);
    return Settings.firstProblem(name -> Optional.ofNullable(all.get(name)));
  }

  @Test
  void g2ValidSettingsHaveNoProblem() {
    assertEquals(Optional.empty(), problem(Map.of("kv.metrics.key-count-max-age-seconds", "0")));
  }

  @Test
  void g2ANegativeIntervalIsNamedWithItsEnvironmentVariable() {
    assertEquals(
        Optional.of(
            "kv.expiry.sweep.interval-seconds (KV_EXPIRY_SWEEP_INTERVAL_SECONDS) must be a whole"
                + " number of at least 1, not \"-1\""),
        problem(Map.of("kv.expiry.sweep.interval-seconds", "-1")));
  }

  @Test
  void g2AValueThatIsNoNumberOrOutOfRangeIsRefused() {
    assertEquals(
        Optional.of(
            "kv.lock.timeout-seconds (KV_LOCK_TIMEOUT_SECONDS) must be a whole number from 1 to"
                + " 3600, not \"five\""),
        problem(Map.of("kv.lock.timeout-seconds", "five")));
    assertTrue(problem(Map.of("kv.key.max-length", "513")).orElseThrow().contains("1 to 512"));
    assertTrue(problem(Map.of("kv.keys.max-limit", "0")).isPresent());
    assertTrue(problem(Map.of("kv.json.max-depth", " 64")).isPresent(), "no blanks");
    assertEquals(
        Optional.of(
            "kv.db.statement-cache-size (KV_DB_STATEMENT_CACHE_SIZE) must be a whole number from 0"
                + " to 10000, not \"-1\""),
        problem(Map.of("kv.db.statement-cache-size", "-1")));
    assertEquals(Optional.empty(), problem(Map.of("kv.db.statement-cache-size", "0")));
  }

  @Test
  void g2TheDataDirectoryMustBeADirectoryAndIsCreated() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertEquals(
        Optional.of(
            "kv.data.dir (KV_DATA_DIR) must name a directory, but \"" + file + "\" is a file"),
        problem(Map.of("kv.data.dir", file.toString())));
    Path fresh = dir.resolve("a/b");
    assertEquals(Optional.empty(), problem(Map.of("kv.data.dir", fresh.toString())));
    assertTrue(Files.isDirectory(fresh));
  }

  @Test
  void g2AShortAdminTokenAndABodyLimitBelowTheValueLimitAreRefused() {
    assertTrue(
        problem(Map.of("kv.admin-token", "secret")).orElseThrow().startsWith("kv.admin-token"));
    assertEquals(Optional.empty(), problem(Map.of("kv.admin-token", "0123456789abcdef")));
    assertTrue(
        problem(Map.of("kv.body.max-bytes", "1000"))
            .orElseThrow()
            .startsWith("kv.body.max-bytes (KV_BODY_MAX_BYTES) must not be below"));
  }
}
