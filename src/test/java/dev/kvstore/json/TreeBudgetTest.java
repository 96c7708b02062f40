package dev.kvstore.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kvstore.errors.ServerBusy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TreeBudgetTest {

  private static final long MIB = 1024 * 1024;

  @Test
  void largeWorkHoldsItsShareWhileItRunsAndGivesItBack() {
    TreeBudget budget = new TreeBudget(4 * MIB, Duration.ZERO);
    long during = budget.within(MIB, budget::availableChars);
    assertEquals(3 * MIB, during);
    assertEquals(4 * MIB, budget.availableChars());
  }

  @Test
  void smallWorkNeverAsks() {
    TreeBudget budget = new TreeBudget(4 * MIB, Duration.ZERO);
    long during = budget.within(TreeBudget.SMALL_CHARS - 1, budget::availableChars);
    assertEquals(4 * MIB, during);
  }

  @Test
  void workLargerThanTheWholeBudgetRunsAlone() {
    TreeBudget budget = new TreeBudget(MIB, Duration.ZERO);
    assertEquals(0, budget.within(3 * MIB, budget::availableChars));
    assertEquals(0, budget.within(Long.MAX_VALUE, budget::availableChars));
    assertEquals(MIB, budget.availableChars());
  }

  @Test
  void largeWorkThatFindsNoRoomInTimeIsRefusedAsBusyAndTheBudgetStaysWhole() throws Exception {
    TreeBudget budget = new TreeBudget(2 * MIB, Duration.ofMillis(50));
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> first =
          other.submit(
              () ->
                  budget.within(
                      2 * MIB,
                      () -> {
                        holding.countDown();
                        await(release);
                        return 1;
                      }));
      assertEquals(true, holding.await(10, TimeUnit.SECONDS));
      assertThrows(ServerBusy.class, () -> budget.within(MIB, () -> 2));
      assertEquals(3, budget.within(1, () -> 3));
      release.countDown();
      assertEquals(1, first.get(10, TimeUnit.SECONDS));
      assertEquals(2, budget.within(MIB, () -> 2));
      assertEquals(2 * MIB, budget.availableChars());
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void aFailureGivesTheShareBack() {
    TreeBudget budget = new TreeBudget(2 * MIB, Duration.ZERO);
    assertThrows(
        IllegalStateException.class,
        () ->
            budget.within(
                MIB,
                () -> {
                  throw new IllegalStateException("patch failed");
                }));
    assertEquals(2 * MIB, budget.availableChars());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
