package dev.kvstore.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Versions for writes (S4): unique in the whole database, so never reused for any key, not even one
 * deleted and created again. They come from blocks of {@link #BLOCK} reserved from a database
 * sequence, so a write costs no statement for its version; increasing within one server.
 */
@ApplicationScoped
public class Versions {

  /** The sequence's increment ({@code META-INF/sql}): one value reserves this many versions. */
  public static final int BLOCK = 1000;

  @Inject Database database;

  private long next;
  private long end;

  /** The next unused version. */
  public synchronized long next() {
    if (next == end) {
      next = database.reserveVersionBlock();
      end = next + BLOCK;
    }
    return next++;
  }
}
