package dev.kvstore.testing;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;

/** One transaction for unit tests of what joins it: {@link #complete()} ends it on demand. */
public final class CompletingTransactions implements TransactionSynchronizationRegistry {
  private final List<Synchronization> synchronizations = new ArrayList<>();

  /** Commits: every synchronization registered so far learns of it. */
  public void complete() {
    end(Status.STATUS_COMMITTED);
  }

  /** Rolls back: every synchronization registered so far learns of it. */
  public void rollBack() {
    end(Status.STATUS_ROLLEDBACK);
  }

  private void end(int status) {
    synchronizations.forEach(s -> s.afterCompletion(status));
    synchronizations.clear();
  }

  @Override
  public void registerInterposedSynchronization(Synchronization synchronization) {
    synchronizations.add(synchronization);
  }

  @Override
  public Object getTransactionKey() {
    return this;
  }

  @Override
  public void putResource(Object key, Object value) {}

  @Override
  public Object getResource(Object key) {
    return null;
  }

  @Override
  public int getTransactionStatus() {
    return Status.STATUS_ACTIVE;
  }

  @Override
  public void setRollbackOnly() {}

  @Override
  public boolean getRollbackOnly() {
    return false;
  }
}
