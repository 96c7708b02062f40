package dev.kvstore.health;

import dev.kvstore.storage.Database;
import dev.kvstore.storage.DatabaseLost;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.stream.Stream;
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

  @Inject Event<DatabaseLost> lost;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponse response = check();
    if (response.getStatus() == HealthCheckResponse.Status.DOWN) {
      lost.fire(new DatabaseLost());
    }
    return response;
  }

  private HealthCheckResponse check() {
    try (Connection connection = dataSource.getConnection()) {
      return HealthCheckResponse.named("database")
          .status(connection.isValid(TIMEOUT_SECONDS))
          .build();
    } catch (SQLException e) {
      return HealthCheckResponse.named("database").down().withData("sqlstate", sqlState(e)).build();
    }
  }

  /** The first SQLState in the chain: the pool's own exception carries none, Derby's cause does. */
  private static String sqlState(SQLException e) {
    return Stream.iterate((Throwable) e, c -> c != null, Throwable::getCause)
        .limit(32)
        .filter(SQLException.class::isInstance)
        .map(c -> ((SQLException) c).getSQLState())
        .filter(Objects::nonNull)
        .findFirst()
        .orElse("unknown");
  }
}
