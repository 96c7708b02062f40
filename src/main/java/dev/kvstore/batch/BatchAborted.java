package dev.kvstore.batch;

import jakarta.ejb.ApplicationException;
import jakarta.json.JsonArray;

/**
 * An op of an atomic batch failed: the whole transaction is rolled back and the batch answers 409
 * with the failing op's index and the results up to it (B4).
 */
@ApplicationException(rollback = true)
class BatchAborted extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int failedOp;
  private final transient JsonArray results;

  BatchAborted(int failedOp, String sentence, JsonArray results) {
    super(sentence, null, false, false);
    this.failedOp = failedOp;
    this.results = results;
  }

  int failedOp() {
    return failedOp;
  }

  JsonArray results() {
    return results;
  }
}
