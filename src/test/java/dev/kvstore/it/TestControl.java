package dev.kvstore.it;

import dev.kvstore.entries.control.EntryStore;
import dev.kvstore.expiry.ExpirySweeper;
import dev.kvstore.expiry.SweepStatistics;
import dev.kvstore.storage.Database;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Test-only controls, in the test deployment alone: move the adjustable clock, reach the sweep and
 * its store steps, and take the database offline over HTTP, so that every test stays a black-box
 * client on loopback. Hidden from the OpenAPI document: not part of the API.
 */
@Path("_test")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TestControl {

  /** Any statement, prepared twice by {@link #statementReuse}. */
  private static final String STATEMENT = "SELECT COUNT(*) FROM KV_ENTRY";

  @Inject AdjustableClock clock;

  @EJB EntryStore store;

  @EJB ExpirySweeper sweeper;

  @EJB LockHolder lockHolder;

  @EJB TreeBudgetHolder treeBudgetHolder;

  @Inject DatabaseOutage outage;

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  /**
   * Returns once the row of {@code key} is locked by a transaction that keeps it {@code millis}.
   */
  @POST
  @Operation(hidden = true) // test support, not part of the API
  @Path("hold-lock")
  public String holdLock(@QueryParam("key") String key, @QueryParam("millis") long millis)
      throws InterruptedException {
    CountDownLatch locked = new CountDownLatch(1);
    lockHolder.hold(key, millis, locked);
    return Boolean.toString(locked.await(10, TimeUnit.SECONDS));
  }

  /** Returns once the whole JSON tree budget is taken by a task that keeps it {@code millis}. */
  @POST
  @Operation(hidden = true) // test support, not part of the API
  @Path("hold-tree-budget")
  public String holdTreeBudget(@QueryParam("millis") long millis) throws InterruptedException {
    CountDownLatch held = new CountDownLatch(1);
    treeBudgetHolder.hold(millis, held);
    return Boolean.toString(held.await(10, TimeUnit.SECONDS));
  }

  /**
   * Whether the connection pool keeps prepared statements: the same statement prepared twice on one
   * connection, closed in between, is then the same statement of the driver.
   */
  @POST
  @Operation(hidden = true) // test support, not part of the API
  @Path("statement-reuse")
  public String statementReuse() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      PreparedStatement first;
      try (PreparedStatement statement = connection.prepareStatement(STATEMENT)) {
        first = statement.unwrap(PreparedStatement.class);
      }
      try (PreparedStatement statement = connection.prepareStatement(STATEMENT)) {
        return Boolean.toString(statement.unwrap(PreparedStatement.class) == first);
      }
    }
  }

  /** Fails as a lost database connection does. */
  @POST
  @Operation(hidden = true) // test support, not part of the API
  @Path("database-failure")
  public String databaseFailure() {
    throw new PersistenceException(new SQLException("Connection refused", "08001"));
  }

  /**
   * Shuts the database down and keeps it from booting until the test puts it back ({@link
   * DatabaseOutage#end}).
   */
  @POST
  @Operation(hidden = true) // test support, not part of the API
  @Path("database-offline")
  public String takeDatabaseOffline() throws IOException {
    outage.begin();
    return "\"offline\"";
  }

  @POST
  @Operation(hidden = true) // test support, not part of the API
  @Path("clock")
  public String advance(@QueryParam("seconds") long seconds) {
    clock.advance(Duration.ofSeconds(seconds));
    return Json.createValue(clock.instant().toString()).toString();
  }

  @DELETE
  @Operation(hidden = true) // test support, not part of the API
  @Path("clock")
  public String reset() {
    clock.reset();
    return Json.createValue(clock.instant().toString()).toString();
  }

  @POST
  @Operation(hidden = true) // test support, not part of the API
  @Path("sweep")
  public String sweep() {
    long deleted = sweeper.sweep();
    SweepStatistics statistics = sweeper.statistics();
    return Json.createObjectBuilder()
        .add("deleted", deleted)
        .add("runs", statistics.runs())
        .add("total", statistics.deleted())
        .add("last_deleted", statistics.lastDeleted())
        .add("last_run", statistics.lastRun().map(Object::toString).orElse(""))
        .build()
        .toString();
  }

  @POST
  @Operation(hidden = true) // test support, not part of the API
  @Path("expired-keys")
  public String expiredKeys(@QueryParam("limit") int limit) {
    return Json.createArrayBuilder(store.expiredKeys(clock.instant(), limit)).build().toString();
  }

  @POST
  @Operation(hidden = true) // test support, not part of the API
  @Path("remove-expired")
  public String removeExpired(@QueryParam("limit") int limit) {
    return Integer.toString(store.removeExpired(clock.instant(), limit));
  }

  @POST
  @Operation(hidden = true) // test support, not part of the API
  @Path("delete-if-expired")
  @Consumes(MediaType.APPLICATION_JSON)
  public String deleteIfExpired(JsonArray keys) {
    List<String> picked =
        keys.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    return Integer.toString(store.deleteIfExpired(picked, clock.instant()));
  }
}
