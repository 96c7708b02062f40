package dev.kvstore.storage;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * S10: the one data source class of the pool, which picks the backend from the settings: PostgreSQL
 * when {@code kv.db.url} is set, else embedded Derby in {@code kv.data.dir}. Payara's pool sets its
 * properties (from {@link Database}'s {@code @DataSourceDefinition}) and asks it for connections.
 */
public class KvDataSource implements DataSource {

  /** The value of an unset property: {@code @DataSourceDefinition} substitution needs a default. */
  static final String UNSET = "unset";

  private String dataDirectory = "data";
  private String url = UNSET;
  private String user = UNSET;
  private String password = UNSET;
  private int lockTimeoutSeconds = 5;

  /** How long opening a PostgreSQL connection may take, the server's answer included. */
  static final int LOGIN_TIMEOUT_SECONDS = 1;

  private volatile DataSource target;

  public void setDataDirectory(String dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public void setDatabaseUser(String user) {
    this.user = user;
  }

  public void setDatabasePassword(String password) {
    this.password = password;
  }

  public void setLockTimeoutSeconds(int lockTimeoutSeconds) {
    this.lockTimeoutSeconds = lockTimeoutSeconds;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return target().getConnection();
  }

  @Override
  public Connection getConnection(String username, String pass) throws SQLException {
    return target().getConnection(username, pass);
  }

  private DataSource target() {
    DataSource chosen = target;
    if (chosen == null) {
      chosen = UNSET.equals(url) || url.isBlank() ? derby() : postgresql();
      target = chosen;
    }
    return chosen;
  }

  private DataSource derby() {
    EmbeddedDataSource derby = new EmbeddedDataSource();
    derby.setDatabaseName(dataDirectory + "/kvstore");
    derby.setCreateDatabase("create");
    return derby;
  }

  /**
   * The server ends a lock wait (55P03) half a second before the configured lock timeout and any
   * statement (57014) a quarter second before it — later than the lock wait, so that a lock wait is
   * always told as one (a 503 to retry at once), whatever the statement that waits; the driver
   * gives up on a server that has not answered by then, and on opening a connection after {@value
   * #LOGIN_TIMEOUT_SECONDS} s: on a stalled database a request answers 503 within the lock timeout
   * + 2 s (S12).
   */
  private DataSource postgresql() {
    PGSimpleDataSource postgresql = new PGSimpleDataSource();
    postgresql.setURL(url);
    if (!UNSET.equals(user)) {
      postgresql.setUser(user);
    }
    if (!UNSET.equals(password)) {
      postgresql.setPassword(password);
    }
    long lockMillis = lockTimeoutSeconds * 1000L - 500;
    long statementMillis = lockTimeoutSeconds * 1000L - 250;
    postgresql.setOptions(
        "-c lock_timeout=" + lockMillis + "ms -c statement_timeout=" + statementMillis + "ms");
    postgresql.setConnectTimeout(LOGIN_TIMEOUT_SECONDS);
    postgresql.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
    postgresql.setSocketTimeout(lockTimeoutSeconds);
    // a running statement closed by another thread is cancelled by a new connection to the server
    postgresql.setCancelSignalTimeout(LOGIN_TIMEOUT_SECONDS);
    return postgresql;
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target().getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target().setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target().setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target().getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    return target().unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || target().isWrapperFor(type);
  }
}
