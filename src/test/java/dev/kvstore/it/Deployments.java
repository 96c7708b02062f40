package dev.kvstore.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The one deployment of the integration tests: the built WAR plus this test-support package. */
public final class Deployments {

  private Deployments() {}

  /** {@code target/kvstore.war} as built, with the adjustable clock in place of the system one. */
  public static WebArchive kvstore() {
    File war = new File(System.getProperty("kvstore.war", "target/kvstore.war"));
    return ShrinkWrap.createFromZipFile(WebArchive.class, war)
        .addPackage(Deployments.class.getPackage());
  }
}
