package dev.kvstore.it.session;

import dev.kvstore.it.Postgresql;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The database of one integration-test run ({@code -Dkvstore.backend=derby|postgresql}): on
 * PostgreSQL, a database for the Arquillian server created before any test and every database of
 * the run dropped after the last. The server's options go to {@code arquillian.xml} through the
 * system property {@code kvstore.dbOptions}.
 */
public class TestBackend implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    System.setProperty("kvstore.dbOptions", "");
    if (!Postgresql.isSelected() || !Postgresql.isReachable()) {
      return;
    }
    String run = "kv_it_" + UUID.randomUUID().toString().substring(0, 8);
    System.setProperty(Postgresql.RUN_PROPERTY, run);
    try {
      String database = Postgresql.createDatabaseOfRun("arquillian");
      System.setProperty(
          "kvstore.dbOptions",
          "-Dkv.db.url="
              + Postgresql.url(database)
              + " -Dkv.db.user="
              + Postgresql.USER
              // what the launcher sets on PostgreSQL (S12); Arquillian starts Payara Micro itself
              + " -Dkv.db.statement-cache-size=0");
    } catch (SQLException e) {
      throw new IllegalStateException("The run's database cannot be created", e);
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (System.getProperty(Postgresql.RUN_PROPERTY) != null) {
      Postgresql.dropDatabasesOfRun();
    }
  }
}
