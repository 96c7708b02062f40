package dev.kvstore.batch;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * A batch's results, each in its op's place, and how many characters of answer the batch has left
 * (B6): a get whose value is longer than that is a 413 result, so that a batch's answer, like its
 * request, is about {@code kv.body.max-bytes} at most, whatever its values' sizes.
 */
public final class BatchResults {

  private final String[] results;
  private final long maxChars;
  private long chars;

  BatchResults(int ops, long maxChars) {
    this.results = new String[ops];
    this.maxChars = maxChars;
  }

  /** Characters of answer left for the next op's result. */
  long room() {
    return Math.max(0, maxChars - chars);
  }

  /** The op's result. */
  void add(Op op, Op.Result result) {
    put(op, result.toJson());
  }

  /** The op's result as text: a failure's. */
  void put(Op op, String text) {
    results[op.index()] = text;
    chars += text.length();
  }

  /** The results as a JSON array's text; {@code null} for an op that did not run. */
  String toJson() {
    StringWriter text = new StringWriter();
    writeTo(text);
    return text.toString();
  }

  /** {@link #toJson} written out, without first joining the results in memory. */
  void writeTo(Writer out) {
    try {
      out.write('[');
      for (int i = 0; i < results.length; i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(results[i] == null ? "null" : results[i]);
      }
      out.write(']');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
