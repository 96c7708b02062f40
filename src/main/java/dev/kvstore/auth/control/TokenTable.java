package dev.kvstore.auth.control;

import dev.kvstore.auth.entity.Token;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The token table as every request asks it — the caller's token (A1), whether any token is issued
 * (A4) — kept in memory on embedded Derby, as the read cache keeps entries (E11): a request then
 * needs no database to be authenticated. Issuing and revoking mark the table changing before they
 * change it and changed once they have completed; a table loaded meanwhile is not kept, so a
 * revoked token is refused from the next request on (A3). On PostgreSQL other instances issue and
 * revoke tokens too: every request asks the database.
 */
@ApplicationScoped
public class TokenTable {

  @Inject Database database;

  @Resource TransactionSynchronizationRegistry transactions;

  boolean enabled;

  /** The issued tokens by id; null while unknown. */
  private volatile Map<String, Token> issued;

  /** Changes of the token table under way. Guarded by this. */
  private int changing;

  /** Changes of the token table completed. Guarded by this. */
  private long changed;

  @PostConstruct
  void decide() {
    enabled = database.dialect() == Dialect.DERBY;
  }

  /**
   * The issued token with this id: from memory where the table is kept ({@code all} loads it,
   * {@link Tokens#issued}), else asked of the database ({@code one}, {@link Tokens#find}).
   */
  public Optional<Token> find(
      String id, Function<String, Optional<Token>> one, Supplier<List<Token>> all) {
    Map<String, Token> table = table(all);
    return table == null ? one.apply(id) : Optional.ofNullable(table.get(id));
  }

  /** Whether any token is issued: from memory, else asked of the database ({@code any}). */
  public boolean anyIssued(BooleanSupplier any, Supplier<List<Token>> all) {
    Map<String, Token> table = table(all);
    return table == null ? any.getAsBoolean() : !table.isEmpty();
  }

  /** The table from memory, or loaded now; null where it is not kept or is being changed. */
  private Map<String, Token> table(Supplier<List<Token>> all) {
    Map<String, Token> known = issued;
    if (known != null || !enabled) {
      return known; // not kept: no lock taken on every request
    }
    long before;
    synchronized (this) {
      if (changing > 0) {
        return null;
      }
      before = changed;
    }
    Map<String, Token> loaded =
        all.get().stream().collect(Collectors.toUnmodifiableMap(Token::id, token -> token));
    synchronized (this) {
      if (changing == 0 && changed == before) {
        issued = loaded;
      }
    }
    return loaded;
  }

  /** Called inside a transaction that issues or revokes a token, before it does. */
  synchronized void changing() {
    changing++;
    issued = null;
    AfterCompletion.run(transactions, this::changed);
  }

  /** S14: the table is loaded again once the database is back. */
  synchronized void forget(@Observes DatabaseLost lost) {
    issued = null;
    changed++;
  }

  private synchronized void changed() {
    changing--;
    changed++;
    issued = null;
  }
}
