package dev.kvstore.it;

import dev.kvstore.json.TreeBudget;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.concurrent.CountDownLatch;

/** Takes the whole JSON tree budget for a while, as many large PATCHes would: for the 503 test. */
@Stateless
public class TreeBudgetHolder {

  @Inject TreeBudget trees;

  /** Holds every permit of the budget, counts {@code held} down, and keeps them a while. */
  @Asynchronous
  public void hold(long millis, CountDownLatch held) {
    trees.within(
        Long.MAX_VALUE,
        () -> {
          held.countDown();
          try {
            Thread.sleep(millis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        });
  }
}
