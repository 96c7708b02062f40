package dev.kvstore.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.it.Http;
import dev.kvstore.it.MicroServer;
import dev.kvstore.it.Postgresql;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * S1 and "a restart never resets a TTL": the server as the README starts it, stopped with SIGTERM
 * and started again on the same data directory.
 */
class RestartIT {

  @Test
  void entriesAndTheirExpiryInstantsSurviveARestart() throws Exception {
    Path itDir = Path.of(System.getProperty("kvstore.itDir"));
    Files.createDirectories(itDir);
    Path dataDir = itDir.resolve("restart-" + UUID.randomUUID());
    Path log = itDir.resolve("restart-" + UUID.randomUUID() + ".log");
    String plain = "plain:" + UUID.randomUUID();
    String expiring = "expiring:" + UUID.randomUUID();
    JsonObject before;
    long versionBefore;
    try (MicroServer server = MicroServer.start(dataDir, log)) {
      Http http = server.http();
      assertEquals(
          201, http.put(plain, "{\"value\": {\"n\": 12345678901234567890123}}").statusCode());
      assertEquals(201, http.put(expiring, "{\"value\": \"soon\", \"ttl\": 3600}").statusCode());
      before = Http.json(http.get(expiring));
      versionBefore = before.getJsonNumber("version").longValueExact();
    }
    assertEquals(
        !Postgresql.isSelected(),
        Files.isDirectory(dataDir.resolve("kvstore")),
        "Derby lives under KV_DATA_DIR");

    try (MicroServer server = MicroServer.start(dataDir, log)) {
      Http http = server.http();
      assertEquals(
          "{\"n\":12345678901234567890123}", Http.json(http.get(plain)).get("value").toString());
      JsonObject after = Http.json(http.get(expiring));
      assertEquals(before.getString("expires_at"), after.getString("expires_at"));
      assertTrue(after.getInt("ttl_remaining") <= before.getInt("ttl_remaining"));
      http.put(expiring, "{\"value\": \"again\"}");
      long versionAfter = Http.json(http.get(expiring)).getJsonNumber("version").longValueExact();
      assertTrue(versionAfter > versionBefore, "versions go on after a restart");
    }
  }
}
