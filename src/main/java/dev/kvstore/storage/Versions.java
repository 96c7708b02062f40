package dev.kvstore.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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

  /** The reservation under way, which every writer that needs a version waits for; or null. */
  private CompletableFuture<Long> reserving;

  /**
   * The next unused version. One block is reserved at a time, outside the lock: a database that
   * stalls holds up only the writers that need the new block, each for as long as the reservation
   * may take (S12), and Derby never sees two reservations at once (which it may refuse, X0Y84).
   */
  public long next() {
    while (true) {
      CompletableFuture<Long> reservation;
      boolean reserver = false;
      synchronized (this) {
        if (next < end) {
          return next++;
        }
        if (reserving == null) {
          reserving = new CompletableFuture<>();
          reserver = true;
        }
        reservation = reserving;
      }
      if (reserver) {
        reserve(reservation);
      } else {
        awaitReservation(reservation);
      }
    }
  }

  private void reserve(CompletableFuture<Long> reservation) {
    try {
      long start = database.reserveVersionBlock();
      synchronized (this) {
        if (start >= end) {
          next = start;
          end = start + BLOCK;
        }
        reserving = null;
      }
      reservation.complete(start);
    } catch (RuntimeException | Error e) {
      synchronized (this) {
        reserving = null;
      }
      reservation.completeExceptionally(e);
      throw e;
    }
  }

  /** Waits for another writer's reservation; its failure is this writer's too. */
  private static void awaitReservation(CompletableFuture<Long> reservation) {
    try {
      reservation.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }
}
