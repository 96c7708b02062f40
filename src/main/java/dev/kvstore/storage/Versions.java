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

  /**
   * The next unused version. A block is reserved outside the lock, so that a database that stalls
   * holds up only the requests that wait for it (S12); of blocks reserved at once, one is used and
   * the others are skipped — never an older one after a newer.
   */
  public long next() {
    while (true) {
      synchronized (this) {
        if (next < end) {
          return next++;
        }
      }
      long start = database.reserveVersionBlock();
      synchronized (this) {
        if (next == end && start >= end) {
          next = start;
          end = start + BLOCK;
        }
      }
    }
  }
}
