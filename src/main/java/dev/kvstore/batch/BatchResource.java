package dev.kvstore.batch;

import dev.kvstore.auth.boundary.Access;
import dev.kvstore.entries.control.EntryStore;
import dev.kvstore.entries.control.Refusal;
import dev.kvstore.json.RequestBodies;
import dev.kvstore.json.TreeBudget;
import dev.kvstore.metrics.ServerMetrics;
import dev.kvstore.storage.DatabaseUnavailable;
import dev.kvstore.storage.SqlErrors;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /_batch}: many ops in one request, atomically (MULTI/EXEC) or as a pipeline. */
@Path("_batch")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "batch", description = "MULTI/EXEC and pipelines")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "apiKey")
public class BatchResource {

  /** Tries of an atomic batch that lost a deadlock or a lock wait: it changed nothing, so retry. */
  private static final int ATOMIC_ATTEMPTS = 3;

  private static final String UNAVAILABLE =
      "{\"status\":503,\"error\":\"The database is unavailable; retry this op.\"}";

  @EJB BatchRunner runner;

  @EJB EntryStore store;

  @Inject Clock clock;

  @Inject Access access;

  @Inject
  @ConfigProperty(name = "kv.batch.max-ops")
  int maxOps;

  @Inject RequestBodies bodies;

  @Inject TreeBudget trees;

  @Inject ServerMetrics metrics;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "runBatch",
      summary = "Many ops in one request: atomic (MULTI/EXEC) or a pipeline",
      description =
          "Every op is checked before any runs (a malformed op is a 400 that names it). Atomic"
              + " (the default): one transaction, all or nothing; a failed condition or op is a"
              + " 409 and nothing is applied, but a get or delete of an absent key is just a 404"
              + " result. atomic false: each op on its own, each result reported. A get whose"
              + " value would take the answer beyond kv.body.max-bytes characters (2 MiB) is a"
              + " 413 result, which aborts nothing. A batch with any op outside the token's scope"
              + " or prefix is refused whole (403).")
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BatchRequest")))
  @APIResponse(
      responseCode = "200",
      description = "One result per op, in the ops' order.",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BatchResults")))
  @APIResponse(
      responseCode = "409",
      description = "An atomic batch whose condition or op failed; nothing was applied.",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BatchAborted")))
  @APIResponse(responseCode = "413", ref = "TooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  public StreamingOutput run(InputStream body) {
    Instant now = clock.instant();
    byte[] document = bodies.bytes(body);
    BatchRequest batch =
        trees.within(
            document.length,
            () ->
                BatchRequest.parse(
                    bodies.object(document, BatchRequest.EXAMPLE),
                    maxOps,
                    bodies.maxValueBytes(),
                    now));
    for (Op op : batch.ops()) {
      if (op.kind().equals("get")) {
        access.read(op.key());
      } else {
        access.write(op.key());
      }
    }
    BatchResults results =
        batch.atomic() ? atomically(batch.ops(), now) : oneByOne(batch.ops(), now);
    return out -> {
      Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      writer.write("{\"results\":");
      results.writeTo(writer);
      writer.write('}');
      writer.flush();
    };
  }

  private BatchResults atomically(List<Op> ops, Instant now) {
    for (int attempt = 1; ; attempt++) {
      try {
        return runner.runAtomically(ops, now, bodies.maxBodyBytes());
      } catch (DatabaseUnavailable e) {
        if (attempt == ATOMIC_ATTEMPTS || !SqlErrors.isLockTimeout(e)) {
          throw e;
        }
        metrics.lockTimedOut();
      }
    }
  }

  /** {@code "atomic": false}: each op in a transaction of its own, each result reported. */
  private BatchResults oneByOne(List<Op> ops, Instant now) {
    BatchResults results = new BatchResults(ops.size(), bodies.maxBodyBytes());
    for (Op op : ops) {
      try {
        results.add(op, op.run(store, now, results.room()));
      } catch (Refusal e) {
        results.put(op, BatchRunner.failure(e));
      } catch (DatabaseUnavailable e) {
        metrics.failed(e);
        results.put(op, UNAVAILABLE);
      }
    }
    return results;
  }
}
