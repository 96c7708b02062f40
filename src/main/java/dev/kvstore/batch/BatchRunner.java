package dev.kvstore.batch;

import static dev.kvstore.json.JsonBodies.JSON;

import dev.kvstore.auth.entity.Roles;
import dev.kvstore.entries.control.EntryStore;
import dev.kvstore.entries.control.KeyNotFound;
import dev.kvstore.entries.control.Refusal;
import dev.kvstore.storage.DatabaseFailures;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.interceptor.Interceptors;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Runs an atomic batch in one transaction: all of it, or none of it (B3, B4). */
@Stateless
@Interceptors(DatabaseFailures.class)
public class BatchRunner {

  @EJB EntryStore store;

  /**
   * Runs the ops in key order — each op acts on its own key alone, so ops on different keys commute
   * and those on one key keep their order — so that every batch takes its row locks, and inserts
   * its new keys, in the same global order: two batches never wait for each other in a cycle,
   * whatever the order of their ops. Results come back in the ops' order.
   */
  @RolesAllowed(Roles.READ) // each op's store call checks the role it needs
  public BatchResults runAtomically(List<Op> ops, Instant now, long maxResultChars) {
    BatchResults results = new BatchResults(ops.size(), maxResultChars);
    for (Op op : ops.stream().sorted(Comparator.comparing(Op::key)).toList()) {
      try {
        results.add(op, op.run(store, now, results.room()));
      } catch (KeyNotFound e) {
        if (!op.absentIsAResult()) {
          throw aborted(op, e, results);
        }
        results.put(op, failure(e));
      } catch (Refusal e) {
        throw aborted(op, e, results);
      }
    }
    return results;
  }

  static String failure(Refusal refusal) {
    return JSON.createObjectBuilder()
        .add("status", refusal.status())
        .add("error", refusal.getMessage())
        .build()
        .toString();
  }

  /** The results so far, the failing op's included; ops that did not run are {@code null}. */
  private static BatchAborted aborted(Op op, Refusal refusal, BatchResults results) {
    results.put(op, failure(refusal));
    return new BatchAborted(
        op.index(),
        "ops["
            + op.index()
            + "] ("
            + op.kind()
            + " "
            + op.key()
            + ") failed, so nothing was applied: "
            + refusal.getMessage(),
        results.toJson());
  }
}
