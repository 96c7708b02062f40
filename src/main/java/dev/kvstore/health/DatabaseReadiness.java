package dev.kvstore.health;

import dev.kvstore.storage.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** H1: ready while the database answers within {@link #TIMEOUT_SECONDS}. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  /** Seconds a readiness probe waits for the database before it says down. */
  static final int TIMEOUT_SECONDS = 2;

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    try (Connection connection = dataSource.getConnection()) {
      return HealthCheckResponse.named("database")
          .status(connection.isValid(TIMEOUT_SECONDS))
          .build();
    } catch (SQLException e) {
      return HealthCheckResponse.named("database")
          .down()
          .withData("sqlstate", String.valueOf(e.getSQLState()))
          .build();
    }
  }
}
