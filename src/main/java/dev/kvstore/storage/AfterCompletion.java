package dev.kvstore.storage;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Runs an action once the caller's transaction has committed or rolled back. */
public final class AfterCompletion {

  private AfterCompletion() {}

  public static void run(TransactionSynchronizationRegistry transactions, Runnable action) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            action.run();
          }
        });
  }
}
