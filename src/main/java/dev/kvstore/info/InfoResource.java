package dev.kvstore.info;

import static dev.kvstore.json.JsonBodies.JSON;

import dev.kvstore.auth.boundary.Access;
import dev.kvstore.auth.entity.Roles;
import dev.kvstore.entries.control.KeyCensus;
import dev.kvstore.expiry.ExpirySweeper;
import dev.kvstore.expiry.SweepStatistics;
import dev.kvstore.storage.Database;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /_info}: version, backend, key counts, expiry sweep statistics, uptime (I1–I2). */
@Path("_info")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "server", description = "The server's own state")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "apiKey")
public class InfoResource {

  /** The server's start: when its Java virtual machine started. */
  private static final Instant STARTED =
      Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());

  @EJB KeyCensus census;

  @EJB ExpirySweeper sweeper;

  @Inject Database database;

  @Inject Access access;

  @Inject Clock clock;

  @GET
  @Operation(
      operationId = "getInfo",
      summary = "Version, backend, key counts, expiry sweep statistics, uptime",
      description = "Needs a read token without a key prefix (403 for one with a prefix).")
  @APIResponse(
      responseCode = "200",
      description = "The server's state.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Info")))
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  public String info() {
    access.requireUnconfined(Roles.READ);
    Instant now = clock.instant();
    KeyCensus.Live live = census.live(now);
    SweepStatistics sweep = sweeper.statistics();
    JsonObjectBuilder sweepJson =
        JSON.createObjectBuilder()
            .add("runs", sweep.runs())
            .add("deleted", sweep.deleted())
            .add("last_deleted", sweep.lastDeleted())
            .add("last_duration_ms", sweep.lastDuration().toMillis());
    sweep
        .lastRun()
        .ifPresentOrElse(
            run -> sweepJson.add("last_run", run.toString()),
            () -> sweepJson.add("last_run", JsonValue.NULL));
    return JSON.createObjectBuilder()
        .add("version", Build.VERSION)
        .add("backend", database.product())
        .add("keys", live.keys())
        .add("expiring_keys", live.expiring())
        .add("sweep", sweepJson)
        .add("started_at", STARTED.toString())
        .add("uptime_seconds", Duration.between(STARTED, Instant.now()).toSeconds())
        .build()
        .toString();
  }
}
