package dev.kvstore.info;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What the build wrote into {@code kvstore-build.properties}. */
final class Build {

  /** The project's version, from the POM. */
  static final String VERSION = read("version");

  private Build() {}

  private static String read(String name) {
    try (InputStream in = Build.class.getResourceAsStream("/kvstore-build.properties")) {
      Properties build = new Properties();
      build.load(in);
      return build.getProperty(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
