package dev.kvstore.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** S15 on an in-memory Derby database: large texts stored exactly, and not kept by a statement. */
class LargeTextTest {

  private static Connection connection;

  @BeforeAll
  static void table() throws SQLException {
    connection = DriverManager.getConnection("jdbc:derby:memory:large-text;create=true");
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE T (K INT PRIMARY KEY, V CLOB NOT NULL)");
    }
  }

  @AfterAll
  static void drop() throws SQLException {
    connection.close();
    try {
      DriverManager.getConnection("jdbc:derby:memory:large-text;drop=true");
    } catch (SQLException dropped) {
      assertEquals("08006", dropped.getSQLState());
    }
  }

  @Test
  void textsShortAndLongAreStoredExactly() throws SQLException {
    String small = "é😀x".repeat(10);
    String large = "é😀x".repeat(LargeText.STREAMED_FROM_CHARS);
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO T VALUES (?, ?)")) {
      insert.setInt(1, 1);
      assertEquals(1, LargeText.executeUpdate(insert, 2, small));
      insert.setInt(1, 2);
      assertEquals(1, LargeText.executeUpdate(insert, 2, large));
    }
    assertEquals(small, read(1));
    assertEquals(large, read(2));
  }

  @Test
  void aStatementThatNeverReadItsTextKeepsNoReferenceToIt() throws SQLException {
    WeakReference<String> text;
    try (PreparedStatement update = connection.prepareStatement("UPDATE T SET V = ? WHERE K = ?")) {
      update.setInt(2, -1);
      String large = new String(new char[LargeText.STREAMED_FROM_CHARS]).replace('\0', 'x');
      text = new WeakReference<>(large);
      assertEquals(0, LargeText.executeUpdate(update, 1, large));
      large = null;
      for (int i = 0; i < 10 && !text.refersTo(null); i++) {
        System.gc();
      }
      assertTrue(text.refersTo(null), "the open statement still refers to the text");
    }
  }

  @Test
  void theReaderHandsOutTheTextOnceInPieces() {
    String text = "abcdefghij";
    LargeText.OnceReader reader = new LargeText.OnceReader(text);
    char[] buffer = new char[4];
    StringBuilder read = new StringBuilder();
    for (int count; (count = reader.read(buffer, 0, buffer.length)) != -1; ) {
      read.append(buffer, 0, count);
    }
    assertEquals(text, read.toString());
    assertEquals(-1, reader.read(buffer, 0, 1));
    LargeText.OnceReader closed = new LargeText.OnceReader(text);
    closed.close();
    assertEquals(-1, closed.read(buffer, 0, 1));
  }

  private static String read(int key) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT V FROM T WHERE K = ?")) {
      select.setInt(1, key);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getString(1);
      }
    }
  }
}
