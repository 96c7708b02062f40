package dev.kvstore.counters;

import dev.kvstore.auth.boundary.Access;
import dev.kvstore.entries.boundary.Preconditions;
import dev.kvstore.entries.control.KeyWrites;
import dev.kvstore.entries.entity.Entry;
import dev.kvstore.json.RequestBodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /{key}/incr} and {@code /decr}: INCRBY, DECRBY and INCRBYFLOAT as one request. */
@Path("{key}/{direction: incr|decr}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "counters", description = "INCR, INCRBY, DECRBY, INCRBYFLOAT")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "apiKey")
public class CountersResource {

  @Inject KeyWrites writes;

  @Inject Clock clock;

  @Inject Access access;

  @Inject RequestBodies bodies;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "countEntry",
      summary = "Increment (incr) or decrement (decr) a counter",
      description =
          "A missing or expired key counts from 0 and is created, with ttl if given; an existing"
              + " key keeps its TTL. An integer stays a 64-bit integer (overflow: 409, value"
              + " unchanged); a fractional by or stored value gives an exact decimal. An empty"
              + " body counts by 1.")
  @RequestBody(
      required = false,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "CounterRequest")))
  @APIResponse(
      responseCode = "200",
      description = "The counter's new value.",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Counter")))
  @APIResponse(responseCode = "409", ref = "ValueConflict")
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  @APIResponse(responseCode = "413", ref = "TooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  public Response count(
      @Parameter(ref = "key") @PathParam("key") String key,
      @Parameter(
              description = "incr adds by, decr subtracts it.",
              required = true,
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"incr", "decr"}))
          @PathParam("direction")
          String direction,
      InputStream body,
      @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
      @Parameter(ref = "If-None-Match") @HeaderParam(HttpHeaders.IF_NONE_MATCH)
          List<String> ifNoneMatch,
      @Context Request request) {
    access.write(key);
    Instant now = clock.instant();
    CounterRequest counter =
        CounterRequest.parse(bodies.optionalObject(body, CounterRequest.EXAMPLE), now);
    Entry entry =
        writes
            .update(
                key,
                now,
                Preconditions.of(request, ifMatch, ifNoneMatch),
                counter.change(direction.equals("decr")))
            .entry();
    return Response.ok(entry.toCounterJson(now)).tag(Preconditions.etag(entry)).build();
  }
}
