package dev.kvstore.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code kv.*} setting and what a valid value of it is. Its default lives in {@code
 * META-INF/microprofile-config.properties}.
 */
public record Setting(String name, Rule rule) {

  /** What is wrong with a value, if anything: a phrase that follows "name must ...". */
  @FunctionalInterface
  public interface Rule {
    Optional<String> problem(String value);
  }

  /** The environment variable that sets it: {@code kv.lock.timeout-seconds} → {@code KV_LOCK_…}. */
  public String environmentVariable() {
    return name.replaceAll("[.\\-]", "_").toUpperCase(Locale.ROOT);
  }

  /** A whole number from {@code min} to {@code max}. */
  public static Rule between(long min, long max) {
    return value -> {
      try {
        long number = Long.parseLong(value);
        return number >= min && number <= max ? Optional.empty() : range(min, max, value);
      } catch (NumberFormatException e) {
        return range(min, max, value);
      }
    };
  }

  /** A directory that exists or can be created, and that this process can read and write. */
  public static Rule writableDirectory() {
    return value -> {
      try {
        Path dir = Path.of(value);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
          return Optional.of("name a directory, but \"" + value + "\" is a file");
        }
        Files.createDirectories(dir);
        return Files.isReadable(dir) && Files.isWritable(dir) && Files.isExecutable(dir)
            ? Optional.empty()
            : Optional.of("name a directory this process can read and write: \"" + value + "\"");
      } catch (IOException | InvalidPathException | SecurityException e) {
        return Optional.of("name a directory that can be created: \"" + value + "\" (" + e + ")");
      }
    };
  }

  /** A secret long enough not to be guessed, when it is set at all. */
  public static Rule secret(int minLength) {
    return value ->
        value.strip().length() >= minLength
            ? Optional.empty()
            : Optional.of("be at least " + minLength + " characters (it is a password)");
  }

  /** A text that starts with {@code prefix}, as a JDBC URL names its driver. */
  public static Rule prefix(String prefix) {
    return value ->
        value.startsWith(prefix)
            ? Optional.empty()
            : Optional.of("start with " + prefix + " (host, port and database follow)");
  }

  private static Optional<String> range(long min, long max, String value) {
    String upper = max == Integer.MAX_VALUE ? "" : " to " + max;
    String from = upper.isEmpty() ? " of at least " + min : " from " + min + upper;
    return Optional.of("be a whole number" + from + ", not \"" + value + "\"");
  }
}
