package dev.kvstore.batch;

import jakarta.ejb.ApplicationException;

/**
 * An op of an atomic batch failed: the whole transaction is rolled back and the batch answers 409
 * with the failing op's index and the results up to it (B4).
 */
@ApplicationException(rollback = true)
class BatchAborted extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int failedOp;
  private final String results;

  BatchAborted(int failedOp, String sentence, String results) {
    super(sentence, null, false, false);
    this.failedOp = failedOp;
    this.results = results;
  }

  int failedOp() {
    return failedOp;
  }

  /** The results as a JSON array's text. */
  String results() {
    return results;
  }
}
