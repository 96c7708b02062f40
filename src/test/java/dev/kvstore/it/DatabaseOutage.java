package dev.kvstore.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the embedded Derby database really unavailable, and available again, for the health tests.
 *
 * <p>The outage begins in the server ({@code POST /_test/database-offline}): Derby shuts the
 * database down, which closes every connection to it, pooled ones too; its directory is moved aside
 * and an empty directory is left at its path. The placeholder matters: the data source says {@code
 * createDatabase=create}, and without it the next connection would quietly create a new, empty
 * database in the old one's place; with it Derby refuses (XJ041: the directory exists).
 *
 * <p>The outage ends from the test's side, by the file system ({@link #end}): while the database is
 * away, every request to the application is refused with 503, a request to {@code /_test} too,
 * because authentication must ask the database whether a token was issued. One atomic rename puts
 * the database back over the empty placeholder, so no connection attempt can fall in between.
 */
@ApplicationScoped
public class DatabaseOutage {

  /** Derby's answer to a successful shutdown of one database. */
  private static final String DATABASE_SHUT_DOWN = "08006";

  @Inject
  @ConfigProperty(name = "kv.data.dir", defaultValue = "data")
  String dataDir;

  /** Takes the database offline; does nothing when it already is. */
  public synchronized void begin() throws IOException {
    Path database = database(Path.of(dataDir));
    Path aside = aside(Path.of(dataDir));
    if (Files.exists(aside)) {
      return;
    }
    shutDown(database);
    Files.move(database, aside, StandardCopyOption.ATOMIC_MOVE);
    Files.createDirectory(database);
  }

  /**
   * Puts the database of the data directory {@code dataDir} back, for the next connection to boot
   * it with everything it held; does nothing when it is not offline.
   */
  public static void end(Path dataDir) throws IOException {
    Path aside = aside(dataDir);
    if (Files.exists(aside)) {
      Files.move(
          aside,
          database(dataDir),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The database's directory, as the data source names it (Database: {@code <dir>/kvstore}). */
  private static Path database(Path dataDir) {
    return dataDir.resolve("kvstore").toAbsolutePath();
  }

  private static Path aside(Path dataDir) {
    return dataDir.resolve("kvstore.offline").toAbsolutePath();
  }

  private static void shutDown(Path database) {
    EmbeddedDataSource shutdown = new EmbeddedDataSource();
    shutdown.setDatabaseName(database.toString());
    shutdown.setShutdownDatabase("shutdown");
    try {
      shutdown.getConnection().close();
      throw new IllegalStateException("Derby did not shut the database down");
    } catch (SQLException e) {
      if (!DATABASE_SHUT_DOWN.equals(e.getSQLState())) {
        throw new IllegalStateException("Derby did not shut the database down: " + e, e);
      }
    }
  }
}
