package dev.kvstore.ttl;

import dev.kvstore.entries.boundary.Preconditions;
import dev.kvstore.entries.control.Change;
import dev.kvstore.entries.control.EntryStore;
import dev.kvstore.entries.entity.Entry;
import dev.kvstore.entries.entity.Expiry;
import dev.kvstore.entries.entity.Key;
import dev.kvstore.errors.InvalidRequest;
import dev.kvstore.json.JsonBodies;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
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
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /{key}/ttl}: TTL ({@code GET}), EXPIRE / EXPIREAT ({@code PUT}), PERSIST ({@code DELETE}).
 */
@Path("{key}/ttl")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TtlResource {

  private static final String EXAMPLE = "{\"ttl\": 60}";

  @EJB EntryStore store;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "kv.body.max-bytes", defaultValue = "2097152")
  long maxBodyBytes;

  @GET
  public Response get(@PathParam("key") String key) {
    Instant now = clock.instant();
    return answer(store.get(Key.validate(key), now), now);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Response expire(
      @PathParam("key") String key,
      InputStream body,
      @Context Request request,
      @Context HttpHeaders headers) {
    Key.validate(key);
    Instant now = clock.instant();
    Instant at = parseExpiry(JsonBodies.readObject(body, maxBodyBytes, EXAMPLE), now);
    return change(key, Optional.of(at), now, request, headers);
  }

  @DELETE
  public Response persist(
      @PathParam("key") String key, @Context Request request, @Context HttpHeaders headers) {
    return change(Key.validate(key), Optional.empty(), clock.instant(), request, headers);
  }

  /** T2: a TTL change needs a live key; it keeps the value and writes a new version. */
  private Response change(
      String key, Optional<Instant> at, Instant now, Request request, HttpHeaders headers) {
    Entry entry =
        store
            .update(
                key,
                now,
                Preconditions.of(request, headers),
                current -> new Change.Replacement(current.orNotFound().json(), at))
            .entry();
    return answer(entry, now);
  }

  /** T1: exactly one of {@code ttl} and {@code expires_at}. */
  private static Instant parseExpiry(JsonObject body, Instant now) {
    JsonBodies.requireKnownFields(body, List.of("ttl", "expires_at"), "a TTL change");
    Expiry expiry = Expiry.fromFields(body.get("ttl"), body.get("expires_at"), null, now);
    if (expiry.at() == null) {
      throw InvalidRequest.badRequest("Give ttl or expires_at, as in " + EXAMPLE + ".");
    }
    return expiry.at();
  }

  private static Response answer(Entry entry, Instant now) {
    String body =
        Json.createObjectBuilder()
            .add("key", entry.key())
            .add("ttl_remaining", entry.ttlRemainingAt(now))
            .add("expires_at", entry.expiresAtJson())
            .build()
            .toString();
    return Response.ok(body).tag(Preconditions.etag(entry)).build();
  }
}
