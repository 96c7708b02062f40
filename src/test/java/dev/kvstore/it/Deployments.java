package dev.kvstore.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The one deployment of the integration tests: the built WAR plus this test-support package. */
public final class Deployments {

  private Deployments() {}

  /** {@code target/kvstore.war} as built, with the adjustable clock in place of the system one. */
  public static WebArchive kvstore() {
    try {
      // the server's data and Derby's log go here; Derby does not create the directory of its log
      Files.createDirectories(Path.of(System.getProperty("kvstore.itDir", "target/it")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    File war = new File(System.getProperty("kvstore.war", "target/kvstore.war"));
    return ShrinkWrap.createFromZipFile(WebArchive.class, war)
        .addPackage(Deployments.class.getPackage());
  }
}
