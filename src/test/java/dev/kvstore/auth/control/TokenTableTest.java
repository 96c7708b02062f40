package dev.kvstore.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.auth.entity.Scope;
import dev.kvstore.auth.entity.Token;
import dev.kvstore.storage.DatabaseLost;
import dev.kvstore.testing.CompletingTransactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A1, A3, A4 with E11's rule: the token table is kept only while it cannot have changed. */
class TokenTableTest {

  private final TokenTable table = new TokenTable();
  private final CompletingTransactions transactions = new CompletingTransactions();

  /** The database's table, and how often each kind of question reached it. */
  private final List<Token> stored = new ArrayList<>();

  private final AtomicInteger loads = new AtomicInteger();
  private final AtomicInteger lookups = new AtomicInteger();

  private final Supplier<List<Token>> all =
      () -> {
        loads.incrementAndGet();
        return List.copyOf(stored);
      };

  private final Function<String, Optional<Token>> one =
      id -> {
        lookups.incrementAndGet();
        return stored.stream().filter(token -> token.id().equals(id)).findFirst();
      };

  private final BooleanSupplier any =
      () -> {
        lookups.incrementAndGet();
        return !stored.isEmpty();
      };

  @BeforeEach
  void enable() {
    table.transactions = transactions;
    table.enabled = true;
  }

  private static Token token(String id) {
    return new Token(id, "0".repeat(64), Scope.READ, Optional.empty(), "", Instant.EPOCH);
  }

  @Test
  void theTableIsLoadedOnceForEveryQuestion() {
    stored.add(token("a"));
    assertTrue(table.anyIssued(any, all));
    assertEquals("a", table.find("a", one, all).orElseThrow().id());
    assertTrue(table.find("b", one, all).isEmpty());
    assertEquals(1, loads.get());
    assertEquals(0, lookups.get());
  }

  @Test
  void aRevokedTokenIsRefusedFromTheNextRequestOn() {
    stored.add(token("a"));
    assertTrue(table.find("a", one, all).isPresent());
    table.changing();
    stored.clear();
    assertTrue(table.find("a", one, all).isEmpty(), "asked of the database during the change");
    transactions.complete();
    assertTrue(table.find("a", one, all).isEmpty());
    assertFalse(table.anyIssued(any, all));
    assertEquals(2, loads.get());
    assertEquals(1, lookups.get());
  }

  @Test
  void aTableLoadedBeforeAChangeCompletedIsNotKept() {
    stored.add(token("a"));
    List<Token> before = List.copyOf(stored);
    table.find(
        "a",
        one,
        () -> {
          table.changing();
          stored.clear();
          transactions.complete();
          return before;
        });
    assertTrue(table.find("a", one, all).isEmpty(), "the revocation is seen");
  }

  @Test
  void aLostDatabaseDropsTheTable() {
    stored.add(token("a"));
    table.find("a", one, all);
    stored.clear();
    table.forget(new DatabaseLost());
    assertTrue(table.find("a", one, all).isEmpty());
    assertEquals(2, loads.get());
  }

  @Test
  void offEveryQuestionAsksTheDatabase() {
    table.enabled = false;
    stored.add(token("a"));
    assertTrue(table.find("a", one, all).isPresent());
    assertTrue(table.anyIssued(any, all));
    assertEquals(0, loads.get());
    assertEquals(2, lookups.get());
  }
}
