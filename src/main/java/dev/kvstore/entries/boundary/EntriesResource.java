package dev.kvstore.entries.boundary;

import dev.kvstore.auth.boundary.Access;
import dev.kvstore.entries.control.Change;
import dev.kvstore.entries.control.EntryStore;
import dev.kvstore.entries.control.Written;
import dev.kvstore.entries.entity.Entry;
import dev.kvstore.json.JsonBodies;
import dev.kvstore.json.RequestBodies;
import dev.kvstore.patch.JsonPatches;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

/**
 * One key: SET ({@code POST}, {@code PUT}), GET, HEAD (by JAX-RS, from GET), DELETE and PATCH.
 *
 * <p>A trailing slash is optional ({@code /k} and {@code /k/}), as in the seed's URLs.
 */
@Path("{key}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class EntriesResource {

  @EJB EntryStore store;

  @Inject Clock clock;

  @Inject Access access;

  @Inject RequestBodies bodies;

  @GET
  public Response get(@PathParam("key") String key, @Context Request request) {
    Instant now = clock.instant();
    Entry entry = store.get(access.read(key), now);
    Response.ResponseBuilder notModified = request.evaluatePreconditions(Preconditions.etag(entry));
    if (notModified != null) {
      return notModified.build();
    }
    return Response.ok(entry.toJson(now)).tag(Preconditions.etag(entry)).build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response post(
      @PathParam("key") String key,
      InputStream body,
      @Context UriInfo uri,
      @Context Request request,
      @Context HttpHeaders headers) {
    return set(key, body, uri, request, headers);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Response put(
      @PathParam("key") String key,
      InputStream body,
      @Context UriInfo uri,
      @Context Request request,
      @Context HttpHeaders headers) {
    return set(key, body, uri, request, headers);
  }

  @PATCH
  @Consumes({JsonPatches.MERGE_PATCH, JsonPatches.JSON_PATCH})
  public Response patch(
      @PathParam("key") String key,
      InputStream body,
      @Context Request request,
      @Context HttpHeaders headers) {
    access.write(key);
    JsonPatches.Patch patch =
        JsonPatches.parse(headers.getMediaType().getSubtype(), bodies.value(body));
    Instant now = clock.instant();
    Written written =
        store.update(
            key,
            now,
            Preconditions.of(request, headers),
            current -> {
              Entry entry = current.orNotFound();
              String json =
                  JsonBodies.requireValueSize(patch.applyTo(entry.json()), bodies.maxValueBytes());
              return new Change.Replacement(json, entry.expiresAt());
            });
    return Response.ok(written.entry().toJson(now))
        .tag(Preconditions.etag(written.entry()))
        .build();
  }

  @DELETE
  public Response delete(
      @PathParam("key") String key, @Context Request request, @Context HttpHeaders headers) {
    store.delete(access.write(key), clock.instant(), Preconditions.of(request, headers));
    return Response.ok(
            Json.createObjectBuilder()
                .add("status", "ok")
                .add("action", "deleted")
                .add("key", key)
                .build()
                .toString())
        .build();
  }

  private Response set(
      String key, InputStream body, UriInfo uri, Request request, HttpHeaders headers) {
    access.write(key);
    Instant now = clock.instant();
    SetRequest set =
        SetRequest.parse(bodies.object(body, SetRequest.EXAMPLE), bodies.maxValueBytes(), now);
    Written written =
        store.update(
            key,
            now,
            Preconditions.of(request, headers),
            current ->
                new Change.Replacement(set.json(), set.expiry().resolve(current.expiresAt())));
    Entry entry = written.entry();
    String answer =
        Json.createObjectBuilder()
            .add("status", "ok")
            .add("action", written.created() ? "created" : "updated")
            .add("key", key)
            .add("expires_at", entry.expiresAtJson())
            .build()
            .toString();
    Response.ResponseBuilder response =
        written.created()
            ? Response.status(Response.Status.CREATED)
                .location(uri.getBaseUriBuilder().path("{key}").build(key))
            : Response.ok();
    return response.entity(answer).tag(Preconditions.etag(entry)).build();
  }
}
