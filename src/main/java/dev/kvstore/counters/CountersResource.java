package dev.kvstore.counters;

import dev.kvstore.auth.boundary.Access;
import dev.kvstore.entries.boundary.Preconditions;
import dev.kvstore.entries.control.EntryStore;
import dev.kvstore.entries.entity.Entry;
import dev.kvstore.json.RequestBodies;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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

/** {@code POST /{key}/incr} and {@code /decr}: INCRBY, DECRBY and INCRBYFLOAT as one request. */
@Path("{key}/{direction: incr|decr}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class CountersResource {

  @EJB EntryStore store;

  @Inject Clock clock;

  @Inject Access access;

  @Inject RequestBodies bodies;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response count(
      @PathParam("key") String key,
      @PathParam("direction") String direction,
      InputStream body,
      @Context Request request,
      @Context HttpHeaders headers) {
    access.write(key);
    Instant now = clock.instant();
    CounterRequest counter =
        CounterRequest.parse(bodies.optionalObject(body, CounterRequest.EXAMPLE), now);
    Entry entry =
        store
            .update(
                key,
                now,
                Preconditions.of(request, headers),
                counter.change(direction.equals("decr")))
            .entry();
    return Response.ok(entry.toCounterJson(now)).tag(Preconditions.etag(entry)).build();
  }
}
