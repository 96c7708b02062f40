package dev.kvstore.storage;

import java.io.Reader;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * S15: binds a value's text to a statement so that the database driver keeps no copy of a large
 * one. Embedded Derby serializes a text bound whole into the connection's log buffer before it
 * splits it over pages, and keeps it in the statement's parameters and last row: every connection
 * that once wrote a 1 MB value held about 3 MB more for good. A text of {@value
 * #STREAMED_FROM_CHARS} characters or more is bound as a character stream instead, which Derby
 * reads a page at a time, and which lets go of the text once it has been read, or once the
 * statement has run (an UPDATE that found no row never reads it).
 */
public final class LargeText {

  /** Texts from this length on are streamed. */
  public static final int STREAMED_FROM_CHARS = 32 * 1024;

  private LargeText() {}

  /**
   * Binds {@code text} to parameter {@code index} of {@code statement} (its other parameters bound
   * already), runs it and lets go of the text; the update count.
   */
  public static int executeUpdate(PreparedStatement statement, int index, String text)
      throws SQLException {
    if (text.length() < STREAMED_FROM_CHARS) {
      statement.setString(index, text);
      return statement.executeUpdate();
    }
    try (OnceReader reader = new OnceReader(text)) {
      statement.setCharacterStream(index, reader, text.length());
      return statement.executeUpdate();
    }
  }

  /**
   * Reads a text once; once it has handed out the last character, or is closed, it no longer refers
   * to it (Derby reads a stream of known length up to that length, never to its end, and keeps it).
   */
  static final class OnceReader extends Reader {

    private String text;
    private int next;

    OnceReader(String text) {
      this.text = text;
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      if (text == null) {
        return -1;
      }
      int count = Math.min(length, text.length() - next);
      text.getChars(next, next + count, buffer, offset);
      next += count;
      if (next == text.length()) {
        text = null;
      }
      return count;
    }

    @Override
    public void close() {
      text = null;
    }
  }
}
