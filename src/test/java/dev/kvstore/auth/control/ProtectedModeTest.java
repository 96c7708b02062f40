package dev.kvstore.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvstore.testing.CompletingTransactions;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A4 with E11's rule: the answer "any token issued?" is kept only while it cannot have changed. */
class ProtectedModeTest {

  private final ProtectedMode mode = new ProtectedMode();
  private final CompletingTransactions transactions = new CompletingTransactions();
  private final AtomicInteger asked = new AtomicInteger();

  @BeforeEach
  void enable() {
    mode.transactions = transactions;
    mode.enabled = true;
  }

  private BooleanSupplier table(boolean any) {
    return () -> {
      asked.incrementAndGet();
      return any;
    };
  }

  @Test
  void theAnswerIsKept() {
    assertFalse(mode.anyIssued(table(false)));
    assertFalse(mode.anyIssued(table(true)));
    assertEquals(1, asked.get());
  }

  @Test
  void whileATokenIsIssuedTheTableIsAskedAndAfterwardsAgain() {
    mode.anyIssued(table(false));
    mode.changing();
    assertTrue(mode.anyIssued(table(true)));
    assertTrue(mode.anyIssued(table(true)));
    transactions.complete();
    assertTrue(mode.anyIssued(table(true)));
    assertTrue(mode.anyIssued(table(false)));
    assertEquals(4, asked.get());
  }

  @Test
  void anAnswerLoadedBeforeAChangeCompletedIsNotKept() {
    mode.anyIssued(
        () -> {
          mode.changing();
          transactions.complete();
          return false;
        });
    assertTrue(mode.anyIssued(table(true)));
  }

  @Test
  void offTheTableIsAlwaysAsked() {
    mode.enabled = false;
    mode.anyIssued(table(false));
    mode.anyIssued(table(false));
    assertEquals(2, asked.get());
  }
}
