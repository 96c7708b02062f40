package dev.kvstore.ttl;

import dev.kvstore.entries.control.Change;
import dev.kvstore.entries.entity.Expiry;
import dev.kvstore.errors.InvalidRequest;
import dev.kvstore.json.JsonBodies;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A TTL change: EXPIRE / EXPIREAT to an instant, or PERSIST (none).
 *
 * @param at the new expiry; empty to remove it
 */
public record TtlRequest(Optional<Instant> at) {

  public static final String EXAMPLE = "{\"ttl\": 60}";

  /** PERSIST. */
  public static final TtlRequest PERSIST = new TtlRequest(Optional.empty());

  /** T1: exactly one of {@code ttl} and {@code expires_at}. */
  public static TtlRequest parse(JsonObject body, Instant now) {
    JsonBodies.requireKnownFields(body, List.of("ttl", "expires_at"), "a TTL change");
    Expiry expiry = Expiry.fromFields(body.get("ttl"), body.get("expires_at"), null, now);
    if (expiry.at() == null) {
      throw InvalidRequest.badRequest("Give ttl or expires_at, as in " + EXAMPLE + ".");
    }
    return new TtlRequest(Optional.of(expiry.at()));
  }

  /** T2: the live entry's value with the new expiry; a 404 without a live entry. */
  public Change change() {
    return current -> new Change.Replacement(current.orNotFound().json(), at);
  }
}
