package dev.kvstore.entries.boundary;

import static dev.kvstore.json.JsonBodies.JSON;

import dev.kvstore.auth.boundary.Access;
import dev.kvstore.entries.control.Change;
import dev.kvstore.entries.control.EntryCache;
import dev.kvstore.entries.control.EntryStore;
import dev.kvstore.entries.control.KeyWrites;
import dev.kvstore.entries.control.Written;
import dev.kvstore.entries.entity.Entry;
import dev.kvstore.json.JsonBodies;
import dev.kvstore.json.RequestBodies;
import dev.kvstore.json.TreeBudget;
import dev.kvstore.patch.JsonPatches;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
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
 * One key: SET ({@code POST}, {@code PUT}), GET, HEAD (by JAX-RS, from GET), DELETE and PATCH.
 *
 * <p>A trailing slash is optional ({@code /k} and {@code /k/}), as in the seed's URLs.
 */
@Path("{key}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "keys", description = "One key: SET, GET, HEAD, DELETE, PATCH")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "apiKey")
public class EntriesResource {

  /** The GET's operation: its OpenAPI id, and its name in the metrics (M1). */
  static final String GET_ENTRY = "getEntry";

  /** The POST's, as {@link #GET_ENTRY}. */
  static final String SET_ENTRY = "setEntry";

  /** The PUT's, as {@link #GET_ENTRY}. */
  static final String PUT_ENTRY = "putEntry";

  private static final String SET_DESCRIPTION =
      "Stores any JSON value under the key (the seed's SET). ttl (seconds), expires_at (an"
          + " instant) or keep_ttl (keep the current expiry): at most one; none clears any TTL."
          + " Every write gives the key a new version, sent as the ETag.";

  @EJB EntryStore store;

  @Inject EntryCache cache;

  @Inject KeyWrites writes;

  @Inject Clock clock;

  @Inject Access access;

  @Inject RequestBodies bodies;

  @Inject Sets sets;

  @Inject TreeBudget trees;

  /**
   * A GET's request, for JAX-RS to evaluate its If-Match and If-None-Match: a proxy to the current
   * request, asked only when there is one ({@link Preconditions}); the headers themselves are
   * parameters, which JAX-RS hands over cheaper. A write takes its request as a parameter instead:
   * its condition may be evaluated on the thread of another write (E12, E14).
   */
  @Context Request current;

  /** Asked only when a SET creates the key: its Location. */
  @Context UriInfo uri;

  /** Asked only by a PATCH: its media type. */
  @Context HttpHeaders headers;

  @GET
  @Operation(
      operationId = GET_ENTRY,
      summary = "GET a key: its value, time left and version",
      description =
          "An expired key is never served: the read removes it and answers 404 \"Key not found"
              + " (expired)\". HEAD answers the same status and headers without a body (EXISTS).")
  @APIResponse(
      responseCode = "200",
      description = "The key, its value, ttl_remaining, expires_at and version.",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Entry")))
  @APIResponse(
      responseCode = "304",
      description = "If-None-Match names the current version: not modified, no body.",
      headers = @Header(name = "ETag", ref = "ETag"))
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  @APIResponse(responseCode = "404", ref = "KeyNotFound")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  public Response get(
      @Parameter(ref = "key") @PathParam("key") String key,
      @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
      @Parameter(ref = "If-None-Match") @HeaderParam(HttpHeaders.IF_NONE_MATCH)
          List<String> ifNoneMatch) {
    String readable = access.read(key);
    Preconditions.requireWellFormed(ifMatch, ifNoneMatch);
    Instant now = clock.instant();
    Entry entry = cache.live(readable, now).orElseGet(() -> store.get(readable, now));
    Optional<Response> notModified = Preconditions.ofRead(current, ifMatch, ifNoneMatch, entry);
    if (notModified.isPresent()) {
      return notModified.get();
    }
    return Response.ok(entry.toJson(now)).tag(Preconditions.etag(entry)).build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = SET_ENTRY,
      summary = "SET a key (POST, the seed's)",
      description = SET_DESCRIPTION)
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SetRequest")))
  @APIResponse(
      responseCode = "201",
      description = "Created.",
      headers = {
        @Header(name = "ETag", ref = "ETag"),
        @Header(name = "Location", ref = "Location")
      },
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SetResult")))
  @APIResponse(
      responseCode = "200",
      description = "Updated.",
      headers = @Header(name = "ETag", ref = "ETag"),
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SetResult")))
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  @APIResponse(responseCode = "413", ref = "TooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  public Response post(
      @Parameter(ref = "key") @PathParam("key") String key,
      InputStream body,
      @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
      @Parameter(ref = "If-None-Match") @HeaderParam(HttpHeaders.IF_NONE_MATCH)
          List<String> ifNoneMatch,
      @Context Request request) {
    return set(key, body, request, ifMatch, ifNoneMatch);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = PUT_ENTRY,
      summary = "SET a key (PUT, the same as POST)",
      description = SET_DESCRIPTION)
  @RequestBody(
      required = true,
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SetRequest")))
  @APIResponse(
      responseCode = "201",
      description = "Created.",
      headers = {
        @Header(name = "ETag", ref = "ETag"),
        @Header(name = "Location", ref = "Location")
      },
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SetResult")))
  @APIResponse(
      responseCode = "200",
      description = "Updated.",
      headers = @Header(name = "ETag", ref = "ETag"),
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SetResult")))
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  @APIResponse(responseCode = "413", ref = "TooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  public Response put(
      @Parameter(ref = "key") @PathParam("key") String key,
      InputStream body,
      @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
      @Parameter(ref = "If-None-Match") @HeaderParam(HttpHeaders.IF_NONE_MATCH)
          List<String> ifNoneMatch,
      @Context Request request) {
    return set(key, body, request, ifMatch, ifNoneMatch);
  }

  @PATCH
  @Consumes({JsonPatches.MERGE_PATCH, JsonPatches.JSON_PATCH})
  @Operation(
      operationId = "patchEntry",
      summary = "PATCH a key's value: JSON Merge Patch or JSON Patch, atomically",
      description =
          "Applies the patch to the stored value under the key's lock; the TTL is kept and the"
              + " key gets a new version.")
  @RequestBody(ref = "Patch")
  @APIResponse(
      responseCode = "200",
      description = "The patched key, as GET answers it.",
      headers = @Header(name = "ETag", ref = "ETag"),
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Entry")))
  @APIResponse(responseCode = "404", ref = "KeyNotFound")
  @APIResponse(responseCode = "409", ref = "ValueConflict")
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  @APIResponse(responseCode = "413", ref = "TooLarge")
  @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  public Response patch(
      @Parameter(ref = "key") @PathParam("key") String key,
      InputStream body,
      @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
      @Parameter(ref = "If-None-Match") @HeaderParam(HttpHeaders.IF_NONE_MATCH)
          List<String> ifNoneMatch,
      @Context Request request) {
    access.write(key);
    byte[] document = bodies.bytes(body);
    String subtype = headers.getMediaType().getSubtype();
    Supplier<JsonPatches.Patch> reading = () -> JsonPatches.parse(subtype, bodies.value(document));
    Supplier<JsonPatches.Patch> patch; // checked now: a malformed document is a 400 before the lock
    if (trees.isSmall(document.length)) {
      JsonPatches.Patch checked = reading.get();
      patch = () -> checked;
    } else { // J6: its tree is not kept while the key's lock is awaited, but read again under it
      trees.within(document.length, reading);
      patch = reading;
    }
    Instant now = clock.instant();
    Written written =
        writes.update(
            key,
            now,
            Preconditions.of(request, ifMatch, ifNoneMatch),
            current -> {
              Entry entry = current.orNotFound();
              String patched =
                  trees.within(
                      document.length + entry.json().length(),
                      () -> patch.get().applyTo(entry.json()));
              String json = JsonBodies.requireValueSize(patched, bodies.maxValueBytes());
              return new Change.Replacement(json, entry.expiresAt());
            });
    return Response.ok(written.entry().toJson(now))
        .tag(Preconditions.etag(written.entry()))
        .build();
  }

  @DELETE
  @Operation(operationId = "deleteEntry", summary = "DELETE a key (DEL)")
  @APIResponse(
      responseCode = "200",
      description = "Deleted.",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Deleted")))
  @APIResponse(responseCode = "404", ref = "KeyNotFound")
  @APIResponse(responseCode = "412", ref = "PreconditionFailed")
  @APIResponse(responseCode = "400", ref = "BadRequest")
  @APIResponse(responseCode = "401", ref = "Unauthorized")
  @APIResponse(responseCode = "403", ref = "Forbidden")
  @APIResponse(responseCode = "406", ref = "NotAcceptable")
  @APIResponse(responseCode = "503", ref = "Unavailable")
  public Response delete(
      @Parameter(ref = "key") @PathParam("key") String key,
      @Parameter(ref = "If-Match") @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
      @Parameter(ref = "If-None-Match") @HeaderParam(HttpHeaders.IF_NONE_MATCH)
          List<String> ifNoneMatch,
      @Context Request request) {
    store.delete(
        access.write(key), clock.instant(), Preconditions.of(request, ifMatch, ifNoneMatch));
    return Response.ok(
            JSON.createObjectBuilder()
                .add("status", "ok")
                .add("action", "deleted")
                .add("key", key)
                .build()
                .toString())
        .build();
  }

  private Response set(
      String key,
      InputStream body,
      Request request,
      List<String> ifMatch,
      List<String> ifNoneMatch) {
    Written written = sets.set(key, body, () -> Preconditions.of(request, ifMatch, ifNoneMatch));
    Response.ResponseBuilder response =
        written.created()
            ? Response.status(Response.Status.CREATED)
                .location(uri.getBaseUriBuilder().path("{key}").build(key))
            : Response.ok();
    return response.entity(written.toJson()).tag(Preconditions.etag(written.entry())).build();
  }
}
