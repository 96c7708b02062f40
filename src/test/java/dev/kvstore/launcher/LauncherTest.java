package dev.kvstore.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** S12: what the launcher tells the connection pool about prepared statements. */
class LauncherTest {

  private static Properties system(String... pairs) {
    Properties properties = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      properties.setProperty(pairs[i], pairs[i + 1]);
    }
    return properties;
  }

  @Test
  void s12OnPostgresqlThePoolKeepsNoPreparedStatements() {
    String url = "jdbc:postgresql://127.0.0.1:5432/kvstore";
    assertEquals(Optional.of("0"), Launcher.statementCacheSize(Map.of("KV_DB_URL", url), system()));
    assertEquals(Optional.of("0"), Launcher.statementCacheSize(Map.of(), system("kv.db.url", url)));
  }

  @Test
  void s12OnDerbyThePoolKeepsItsDefault() {
    assertEquals(Optional.empty(), Launcher.statementCacheSize(Map.of(), system()));
    assertEquals(Optional.empty(), Launcher.statementCacheSize(Map.of("KV_DB_URL", " "), system()));
  }

  @Test
  void s12AGivenSizeIsKept() {
    String url = "jdbc:postgresql://127.0.0.1:5432/kvstore";
    assertEquals(
        Optional.empty(),
        Launcher.statementCacheSize(
            Map.of("KV_DB_URL", url, "KV_DB_STATEMENT_CACHE_SIZE", "16"), system()));
    assertEquals(
        Optional.empty(),
        Launcher.statementCacheSize(
            Map.of("KV_DB_URL", url), system("kv.db.statement-cache-size", "16")));
  }
}
