package dev.kvstore.batch;

import dev.kvstore.auth.boundary.Access;
import dev.kvstore.entries.control.EntryStore;
import dev.kvstore.entries.control.Refusal;
import dev.kvstore.json.RequestBodies;
import dev.kvstore.metrics.ServerMetrics;
import dev.kvstore.storage.DatabaseUnavailable;
import dev.kvstore.storage.SqlErrors;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code POST /_batch}: many ops in one request, atomically (MULTI/EXEC) or as a pipeline. */
@Path("_batch")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

  /** Tries of an atomic batch that lost a deadlock or a lock wait: it changed nothing, so retry. */
  private static final int ATOMIC_ATTEMPTS = 3;

  @EJB BatchRunner runner;

  @EJB EntryStore store;

  @Inject Clock clock;

  @Inject Access access;

  @Inject
  @ConfigProperty(name = "kv.batch.max-ops", defaultValue = "1000")
  int maxOps;

  @Inject RequestBodies bodies;

  @Inject ServerMetrics metrics;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public String run(InputStream body) {
    Instant now = clock.instant();
    BatchRequest batch =
        BatchRequest.parse(
            bodies.object(body, BatchRequest.EXAMPLE), maxOps, bodies.maxValueBytes(), now);
    for (Op op : batch.ops()) {
      if (op.kind().equals("get")) {
        access.read(op.key());
      } else {
        access.write(op.key());
      }
    }
    JsonArray results = batch.atomic() ? atomically(batch.ops(), now) : oneByOne(batch.ops(), now);
    return Json.createObjectBuilder().add("results", results).build().toString();
  }

  private JsonArray atomically(List<Op> ops, Instant now) {
    for (int attempt = 1; ; attempt++) {
      try {
        return runner.runAtomically(ops, now);
      } catch (DatabaseUnavailable e) {
        if (attempt == ATOMIC_ATTEMPTS || !SqlErrors.isLockTimeout(e)) {
          throw e;
        }
        metrics.lockTimedOut();
      }
    }
  }

  /** {@code "atomic": false}: each op in a transaction of its own, each result reported. */
  private JsonArray oneByOne(List<Op> ops, Instant now) {
    JsonArrayBuilder results = Json.createArrayBuilder();
    for (Op op : ops) {
      try {
        results.add(op.run(store, now).toJson());
      } catch (Refusal e) {
        results.add(BatchRunner.failure(e));
      } catch (DatabaseUnavailable e) {
        metrics.failed(e);
        results.add(
            Json.createObjectBuilder()
                .add("status", 503)
                .add("error", "The database is unavailable; retry this op."));
      }
    }
    return results.build();
  }
}
