package dev.kvstore.storage;

import dev.kvstore.settings.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The database: its data source, its schema, and the settings kvstore relies on.
 *
 * <p>Embedded Derby under {@code kv.data.dir} ({@code KV_DATA_DIR}), created on first start, or
 * PostgreSQL at {@code kv.db.url} ({@code KV_DB_URL}): {@link KvDataSource} picks one.
 */
@DataSourceDefinition(
    name = Database.JNDI_NAME,
    className = "dev.kvstore.storage.KvDataSource",
    properties = {
      "dataDirectory=${MPCONFIG=kv.data.dir:data}",
      "url=${MPCONFIG=kv.db.url:" + KvDataSource.UNSET + "}",
      "databaseUser=${MPCONFIG=kv.db.user:" + KvDataSource.UNSET + "}",
      "databasePassword=${MPCONFIG=kv.db.password:" + KvDataSource.UNSET + "}",
      "lockTimeoutSeconds=${MPCONFIG=kv.lock.timeout-seconds:5}",
      // Payara's pool checks a connection before handing it out, so a connection the driver found
      // broken (database shut down, restarted, stalled) is replaced rather than failing requests
      // for good; with fail-all-connections one broken connection discards the whole pool at once.
      // meta-data: no round trip (isValid would wait on a stalled database, S12).
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=meta-data",
      "fish.payara.fail-all-connections=true",
      // A request waits at most 5 s for a free connection, then answers 503 (default: 60 s).
      "fish.payara.max-wait-time-in-millis=5000",
      // Each connection keeps its prepared statements: the same few are prepared on every write.
      // Not on PostgreSQL (the launcher sets 0 there, S12). The type must be blank for LRU (Payara
      // issue 6647: unset, it is read as a class name).
      "fish.payara.statement-cache-size=${MPCONFIG=kv.db.statement-cache-size:64}",
      "fish.payara.statement-cache-type= "
    },
    // No connection is kept open for its own sake: after fail-all-connections the pool opens its
    // minimum again inside the request that found a broken one, each attempt up to 1 s on a
    // stalled database (S12).
    minPoolSize = 0,
    maxPoolSize = 64)
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Database {

  public static final String JNDI_NAME = "java:app/jdbc/kvstore";

  /** Derby's SQLState for "database shut down", its answer to a successful shutdown. */
  private static final String DERBY_SHUT_DOWN = "08006";

  private static final Logger LOG = Logger.getLogger(Database.class.getName());

  /** S2: the page size of every Derby table and index (META-INF/sql/derby-kv_entry.sql). */
  private static final int DERBY_PAGE_SIZE = 32768;

  /** The tables, each created with its script when missing. */
  private static final List<String> TABLES = List.of("KV_ENTRY", "KV_TOKEN");

  /** Derby's lock-wait default is 60 s; a request should learn of a stuck lock in seconds. */
  @Inject
  @ConfigProperty(name = "kv.lock.timeout-seconds")
  int lockTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "kv.data.dir")
  String dataDir;

  @Resource(lookup = JNDI_NAME)
  DataSource dataSource;

  private Dialect dialect;

  private String product;

  /**
   * Creates the missing tables and checks the database's settings, in one transaction. S13: several
   * instances started at once on a new PostgreSQL database take turns (an advisory lock held until
   * the transaction ends), so each finds the tables the one before it created and committed.
   */
  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  void prepare() {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      dialect = Dialect.of(meta.getDatabaseProductName());
      Optional<String> schemaLock = dialect.schemaLockSql();
      if (schemaLock.isPresent()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(schemaLock.get());
        }
      }
      for (String table : TABLES) {
        if (!hasTable(meta, table)) {
          createTable(connection, table);
        }
      }
      if (dialect == Dialect.DERBY) {
        setDerbyLockTimeouts(connection);
        rebuildSmallPageExpiryIndex(connection);
      }
      requireDurableCommits(connection);
      product = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
      LOG.info("Database ready: " + product);
    } catch (SQLException e) {
      Settings.refuseToStart("the database cannot be prepared: " + SqlErrors.describe(e));
    }
  }

  /**
   * S11: a write is acknowledged once committed, so a database set to lose commits in a crash is
   * refused: Derby with {@code derby.system.durability=test}, PostgreSQL with {@code fsync} or
   * {@code synchronous_commit} off.
   */
  private void requireDurableCommits(Connection connection) throws SQLException {
    if (dialect == Dialect.DERBY) {
      if ("test".equalsIgnoreCase(System.getProperty("derby.system.durability"))) {
        Settings.refuseToStart(
            "derby.system.durability=test would lose acknowledged writes in a crash; remove it");
      }
      return;
    }
    for (String setting : List.of("fsync", "synchronous_commit")) {
      try (Statement statement = connection.createStatement();
          ResultSet value = statement.executeQuery("SHOW " + setting)) {
        if (value.next() && "off".equalsIgnoreCase(value.getString(1))) {
          Settings.refuseToStart(
              "PostgreSQL's "
                  + setting
                  + " is off: acknowledged writes could be lost in a crash; turn it on");
        }
      }
    }
  }

  /**
   * S9: when the application stops (SIGTERM), the embedded database is shut down, so that its files
   * are closed cleanly and the next start needs no recovery. Nothing uses it any more: every other
   * bean of the application has stopped.
   */
  @PreDestroy
  void close() {
    if (dialect != Dialect.DERBY) {
      return;
    }
    EmbeddedDataSource derby = new EmbeddedDataSource();
    derby.setDatabaseName(dataDir + "/kvstore");
    derby.setShutdownDatabase("shutdown");
    try {
      derby.getConnection().close();
      LOG.warning("The database did not shut down");
    } catch (SQLException e) {
      if (DERBY_SHUT_DOWN.equals(e.getSQLState())) {
        LOG.info("Database closed");
      } else {
        LOG.warning(() -> "The database did not shut down cleanly: " + SqlErrors.describe(e));
      }
    }
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The database's product name and version, as its driver reports them. */
  public String product() {
    return product;
  }

  /**
   * Reserves the next block of versions, in a transaction of its own: the sequence is never locked
   * by a transaction that also holds row locks (Derby may take the sequence's lock in the user's
   * transaction, which then deadlocks with row locks taken in another order).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public long reserveVersionBlock() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet next = statement.executeQuery(dialect.nextVersionBlockSql())) {
      next.next();
      return next.getLong(1);
    } catch (SQLException e) {
      throw new DatabaseUnavailable(e);
    }
  }

  /** The database's clock, in epoch milliseconds (X6). */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public long currentTimeMillis() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet now = statement.executeQuery(dialect.currentTimestampSql())) {
      now.next();
      return now.getTimestamp(1).getTime();
    } catch (SQLException e) {
      throw new DatabaseUnavailable(e);
    }
  }

  private static boolean hasTable(DatabaseMetaData meta, String table) throws SQLException {
    String name = meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
    try (ResultSet tables = meta.getTables(null, null, name, null)) {
      return tables.next();
    }
  }

  private void createTable(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements(dialect.schemaScript(table))) {
        statement.execute(sql);
      }
    }
    LOG.info(() -> "Created the table " + table);
  }

  /**
   * Lock waits end after the configured seconds (SQLState 40XL1, answered 503); deadlocks are
   * looked for after at most 2 s. Both are database properties, in force from now on.
   */
  private void setDerbyLockTimeouts(Connection connection) throws SQLException {
    int deadlockSeconds = Math.min(2, lockTimeoutSeconds);
    try (Statement statement = connection.createStatement()) {
      statement.execute(derbyProperty("derby.locks.waitTimeout", lockTimeoutSeconds));
      statement.execute(derbyProperty("derby.locks.deadlockTimeout", deadlockSeconds));
    }
  }

  /**
   * S2 on a Derby database created before its scripts asked for 32 KiB pages: its expiry index, in
   * 4 KiB pages, is built again in 32 KiB ones, once (the table and its key already are).
   */
  private static void rebuildSmallPageExpiryIndex(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      try (ResultSet index =
          statement.executeQuery(
              "SELECT PAGESIZE FROM TABLE(SYSCS_DIAG.SPACE_TABLE('KV_ENTRY')) T"
                  + " WHERE CONGLOMERATENAME = 'KV_ENTRY_EXPIRES_AT'")) {
        if (!index.next() || index.getInt(1) == DERBY_PAGE_SIZE) {
          return;
        }
      }
      statement.execute(derbyProperty("derby.storage.pageSize", DERBY_PAGE_SIZE));
      statement.execute("DROP INDEX KV_ENTRY_EXPIRES_AT");
      statement.execute("CREATE INDEX KV_ENTRY_EXPIRES_AT ON KV_ENTRY (EXPIRES_AT)");
    }
    LOG.info("Rebuilt the expiry index in 32 KiB pages");
  }

  private static String derbyProperty(String name, int value) {
    return "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('" + name + "', '" + value + "')";
  }

  private static String[] statements(String resource) {
    try (InputStream in = Database.class.getResourceAsStream(resource)) {
      String script =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(line -> !line.strip().startsWith("--"))
              .collect(Collectors.joining("\n"));
      return Arrays.stream(script.split(";"))
          .map(String::strip)
          .filter(statement -> !statement.isEmpty())
          .toArray(String[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
