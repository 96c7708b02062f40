package dev.kvstore.ttl;

import dev.kvstore.auth.boundary.Access;
import dev.kvstore.entries.boundary.Preconditions;
import dev.kvstore.entries.control.Condition;
import dev.kvstore.entries.control.EntryStore;
import dev.kvstore.entries.control.KeyWrites;
import dev.kvstore.entries.entity.Entry;
import dev.kvstore.json.RequestBodies;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /{key}/ttl}: TTL ({@code GET}), EXPIRE / EXPIREAT ({@code PUT}), PERSIST ({@code DELETE}).
 */
@Path("{key}/ttl")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ttl", description = "TTL, EXPIRE, EXPIREAT, PERSIST")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "apiKey")
public class TtlResource {

  @EJB EntryStore store;

  @Inject KeyWrites writes;

  @Inject Clock clock;

  @Inject Access access;

  @Inject RequestBodies bodies;

  @GET
  @Operation(operationId = "getTtl", summary = "TTL: the time a key has left")
  @APIResponse(
      responseCode = "200",
      description = "The key's ttl_remaining and expires_at.",
      headers = @Header(name = "ETag", ref = "ETag"),
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TtlState")))
  @APIResponse(responseCode = "404", ref = "KeyNotFound")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  public Response get(@Parameter(ref = "key") @PathParam("key") String key) {
    Instant now = clock.instant();
    return answer(store.get(access.read(key), now), now);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "expireEntry",
      summary = "EXPIRE / EXPIREAT: give a live key a new expiry",
      description = "The value is kept; the key gets a new version. A missing key is a 404.")
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TtlRequest")))
  @APIResponse(
      responseCode = "200",
      description = "The key's new ttl_remaining and expires_at.",
      headers = @Header(name = "ETag", ref = "ETag"),
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TtlState")))
  @APIResponse(responseCode = "404", ref = "KeyNotFound")
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  @APIResponse(responseCode = "413", ref = "TooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  public Response expire(
      @Parameter(ref = "key") @PathParam("key") String key,
      InputStream body,
      @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
      @Parameter(ref = "If-None-Match") @HeaderParam(HttpHeaders.IF_NONE_MATCH)
          List<String> ifNoneMatch,
      @Context Request request) {
    access.write(key);
    Instant now = clock.instant();
    TtlRequest change = TtlRequest.parse(bodies.object(body, TtlRequest.EXAMPLE), now);
    return change(key, change, now, Preconditions.of(request, ifMatch, ifNoneMatch));
  }

  @DELETE
  @Operation(
      operationId = "persistEntry",
      summary = "PERSIST: remove a live key's expiry",
      description = "The value is kept; the key gets a new version. A missing key is a 404.")
  @APIResponse(
      responseCode = "200",
      description = "The key, now without expiry (ttl_remaining -1).",
      headers = @Header(name = "ETag", ref = "ETag"),
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TtlState")))
  @APIResponse(responseCode = "404", ref = "KeyNotFound")
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  public Response persist(
      @Parameter(ref = "key") @PathParam("key") String key,
      @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
      @Parameter(ref = "If-None-Match") @HeaderParam(HttpHeaders.IF_NONE_MATCH)
          List<String> ifNoneMatch,
      @Context Request request) {
    String writable = access.write(key);
    return change(
        writable,
        TtlRequest.PERSIST,
        clock.instant(),
        Preconditions.of(request, ifMatch, ifNoneMatch));
  }

  private Response change(String key, TtlRequest change, Instant now, Condition condition) {
    Entry entry = writes.update(key, now, condition, change.change()).entry();
    return answer(entry, now);
  }

  private static Response answer(Entry entry, Instant now) {
    return Response.ok(entry.toTtlJson(now)).tag(Preconditions.etag(entry)).build();
  }
}
