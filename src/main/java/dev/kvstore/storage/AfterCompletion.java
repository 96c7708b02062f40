package dev.kvstore.storage;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.IntConsumer;

/** Runs an action once the caller's transaction has committed or rolled back. */
public final class AfterCompletion {

  private AfterCompletion() {}

  public static void run(TransactionSynchronizationRegistry transactions, Runnable action) {
    run(transactions, status -> action.run());
  }

  /** The same, told the transaction's outcome ({@code jakarta.transaction.Status}). */
  public static void run(TransactionSynchronizationRegistry transactions, IntConsumer action) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            action.accept(status);
          }
        });
  }
}
