package dev.kvstore.ttl;

import dev.kvstore.auth.boundary.Access;
import dev.kvstore.entries.boundary.Preconditions;
import dev.kvstore.entries.control.EntryStore;
import dev.kvstore.entries.entity.Entry;
import dev.kvstore.json.RequestBodies;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

/**
 * {@code /{key}/ttl}: TTL ({@code GET}), EXPIRE / EXPIREAT ({@code PUT}), PERSIST ({@code DELETE}).
 */
@Path("{key}/ttl")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TtlResource {

  @EJB EntryStore store;

  @Inject Clock clock;

  @Inject Access access;

  @Inject RequestBodies bodies;

  @GET
  public Response get(@PathParam("key") String key) {
    Instant now = clock.instant();
    return answer(store.get(access.read(key), now), now);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Response expire(
      @PathParam("key") String key,
      InputStream body,
      @Context Request request,
      @Context HttpHeaders headers) {
    access.write(key);
    Instant now = clock.instant();
    TtlRequest change = TtlRequest.parse(bodies.object(body, TtlRequest.EXAMPLE), now);
    return change(key, change, now, request, headers);
  }

  @DELETE
  public Response persist(
      @PathParam("key") String key, @Context Request request, @Context HttpHeaders headers) {
    return change(access.write(key), TtlRequest.PERSIST, clock.instant(), request, headers);
  }

  private Response change(
      String key, TtlRequest change, Instant now, Request request, HttpHeaders headers) {
    Entry entry =
        store.update(key, now, Preconditions.of(request, headers), change.change()).entry();
    return answer(entry, now);
  }

  private static Response answer(Entry entry, Instant now) {
    return Response.ok(entry.toTtlJson(now)).tag(Preconditions.etag(entry)).build();
  }
}
