package dev.kvstore.auth.control;

import dev.kvstore.storage.AfterCompletion;
import dev.kvstore.storage.Database;
import dev.kvstore.storage.DatabaseLost;
import dev.kvstore.storage.Dialect;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.BooleanSupplier;

/**
 * Whether any token is issued (A4), asked by every request without a token: on embedded Derby the
 * answer is kept in memory, as the read cache keeps entries (E11). Issuing and revoking mark the
 * answer unknown before they change the table and again once they have completed; an answer loaded
 * meanwhile is not kept. On PostgreSQL other instances issue tokens too: always asked.
 */
@ApplicationScoped
public class ProtectedMode {

  @Inject Database database;

  @Resource TransactionSynchronizationRegistry transactions;

  boolean enabled;

  private volatile Boolean anyIssued;

  /** Changes of the token table under way. Guarded by this. */
  private int changing;

  /** Changes of the token table completed. Guarded by this. */
  private long changed;

  @PostConstruct
  void decide() {
    enabled = database.dialect() == Dialect.DERBY;
  }

  /** Whether any token is issued; {@code table} asks the token table ({@link Tokens#anyIssued}). */
  public boolean anyIssued(BooleanSupplier table) {
    Boolean known = anyIssued;
    if (known != null) {
      return known;
    }
    long before;
    synchronized (this) {
      if (!enabled || changing > 0) {
        return table.getAsBoolean();
      }
      before = changed;
    }
    boolean answer = table.getAsBoolean();
    synchronized (this) {
      if (changing == 0 && changed == before) {
        anyIssued = answer;
      }
    }
    return answer;
  }

  /** Called inside a transaction that issues or revokes a token, before it does. */
  synchronized void changing() {
    changing++;
    anyIssued = null;
    AfterCompletion.run(transactions, this::changed);
  }

  /** S14: the answer is asked again once the database is back. */
  synchronized void forget(@Observes DatabaseLost lost) {
    anyIssued = null;
    changed++;
  }

  private synchronized void changed() {
    changing--;
    changed++;
    anyIssued = null;
  }
}
