package dev.kvstore.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VersionsTest {

  /** A sequence that counts its reservations and those that overlapped another. */
  private static final class Sequence extends Database {
    final AtomicLong value = new AtomicLong(1);
    final AtomicInteger reservations = new AtomicInteger();
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();
    volatile RuntimeException failure;
    volatile CountDownLatch release;

    @Override
    public long reserveVersionBlock() {
      if (inside.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      try {
        reservations.incrementAndGet();
        CountDownLatch wait = release;
        if (wait != null) {
          wait.await(10, TimeUnit.SECONDS);
        } else {
          Thread.sleep(1); // as long as a round trip, for other writers to run out meanwhile
        }
        if (failure != null) {
          throw failure;
        }
        return value.getAndAdd(Versions.BLOCK);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        inside.decrementAndGet();
      }
    }
  }

  private static Versions versions(Sequence sequence) {
    Versions versions = new Versions();
    versions.database = sequence;
    return versions;
  }

  @Test
  void writersAtOnceGetUniqueIncreasingVersionsFromOneReservationAtATime() throws Exception {
    Sequence sequence = new Sequence();
    Versions versions = versions(sequence);
    int threads = 8;
    int perThread = 2_000;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<Long>>> taken = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        taken.add(
            pool.submit(
                () -> {
                  start.await();
                  List<Long> mine = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    mine.add(versions.next());
                  }
                  return mine;
                }));
      }
      Set<Long> all = new HashSet<>();
      for (Future<List<Long>> future : taken) {
        List<Long> mine = future.get();
        for (int i = 1; i < mine.size(); i++) {
          assertTrue(mine.get(i) > mine.get(i - 1), "increasing within a thread");
        }
        all.addAll(mine);
      }
      assertEquals(threads * perThread, all.size(), "each version given once");
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, sequence.overlaps.get(), "reservations made while another was under way");
    assertEquals(threads * perThread / Versions.BLOCK, sequence.reservations.get());
  }

  @Test
  void aFailedReservationFailsEveryWriterWaitingForItAndTheNextWriterReservesAgain()
      throws Exception {
    Sequence sequence = new Sequence();
    Versions versions = versions(sequence);
    RuntimeException down = new DatabaseUnavailable(new java.sql.SQLException("down", "08006"));
    sequence.failure = down;
    sequence.release = new CountDownLatch(1);
    List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            3,
            task -> {
              Thread thread = new Thread(task);
              threads.add(thread);
              return thread;
            });
    try {
      List<Future<Long>> writers = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        writers.add(pool.submit(versions::next));
      }
      // one writer reserves (a timed wait on the latch), the other two wait for its reservation
      while (threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count() < 2) {
        Thread.sleep(1);
      }
      sequence.release.countDown();
      for (Future<Long> writer : writers) {
        Exception failed = assertThrows(Exception.class, writer::get);
        assertSame(down, failed.getCause());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, sequence.reservations.get(), "the waiters did not reserve themselves");

    sequence.failure = null;
    sequence.release = null;
    assertEquals(1, versions.next());
    assertEquals(2, versions.next());
    assertEquals(2, sequence.reservations.get());
  }
}
