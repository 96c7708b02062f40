package dev.kvstore.batch;

import java.util.StringJoiner;

/**
 * A batch's results, each in its op's place, whose text stays within a budget: a {@code get} whose
 * answer would take the results beyond it is a 413 result instead (B6), so that a batch's answer,
 * like its request, is at most {@code kv.body.max-bytes} or so, whatever its values' sizes.
 */
final class BatchResults {

  private final String[] results;
  private final long maxChars;
  private long chars;

  BatchResults(int ops, long maxChars) {
    this.results = new String[ops];
    this.maxChars = maxChars;
  }

  /** The op's result; a get's that does not fit is replaced by a 413. */
  void add(Op op, Op.Result result) {
    String text = result.toJson();
    if (op.kind().equals("get") && chars + text.length() > maxChars) {
      text =
          "{\"status\":413,\"error\":\"This value would take the batch's answer beyond "
              + maxChars
              + " characters; GET this key on its own.\"}";
    }
    put(op, text);
  }

  /** The op's result as it is: a failure's, or one already written out. */
  void put(Op op, String text) {
    results[op.index()] = text;
    chars += text.length();
  }

  /** The results as a JSON array's text; {@code null} for an op that did not run. */
  String toJson() {
    StringJoiner array = new StringJoiner(",", "[", "]");
    for (String result : results) {
      array.add(result == null ? "null" : result);
    }
    return array.toString();
  }
}
