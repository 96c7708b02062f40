package dev.kvstore.entries.boundary;

import dev.kvstore.auth.boundary.Access;
import dev.kvstore.entries.control.Condition;
import dev.kvstore.entries.control.KeyWrites;
import dev.kvstore.entries.control.Written;
import dev.kvstore.json.RequestBodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A client's SET of one key, for {@link EntriesResource} and for {@link PlainSets} (E16), so that
 * both do the same; both answer with {@link Written#toJson}.
 */
@ApplicationScoped
public class Sets {

  @Inject Access access;

  @Inject RequestBodies bodies;

  @Inject KeyWrites writes;

  @Inject Clock clock;

  /**
   * The SET, in the order its refusals come: the key and the caller's right to write it (400, 403),
   * the body (400, 413; E7), then {@code condition}, the request's preconditions (400 for a
   * malformed header); the write (E10) is done when it has committed.
   */
  public Written set(String key, InputStream body, Supplier<Condition> condition) {
    access.write(key);
    Instant now = clock.instant();
    SetRequest set =
        SetRequest.parse(
            bodies.objectWithText(body, SetRequest.EXAMPLE, "value"), bodies.maxValueBytes(), now);
    return set.write(writes, key, now, condition.get());
  }
}
