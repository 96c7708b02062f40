package dev.kvstore.it.container;

import dev.kvstore.it.Http;
import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import java.net.MalformedURLException;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Payara Micro's managed container, booted once per run instead of once per test class.
 *
 * <p>Every Arquillian test class deploys the same archive ({@code dev.kvstore.it.Deployments}); a
 * boot costs 10–20 s, the tests of a class a few. The first deployment starts the server; the next
 * classes get the same one, its clock back on the system time; the end of the run stops it. Tests
 * already share the server within a class, so they use keys of their own and measure by difference
 * (counters, sweep totals), which makes sharing it across classes safe as well.
 */
public class SharedMicroContainer extends PayaraMicroDeployableContainer {

  private Archive<?> deployed;
  private ProtocolMetaData running;

  @Override
  public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
    if (deployed == null) {
      running = super.deploy(archive);
      deployed = archive;
    } else if (!deployed.getName().equals(archive.getName())) {
      throw new DeploymentException(
          "One server per run serves one archive: " + deployed.getName() + ", not " + archive);
    }
    resetClock();
    return running;
  }

  /** Keeps the server for the next test class; {@link #stop} ends it. */
  @Override
  public void undeploy(Archive<?> archive) {
    // the next class deploys the same archive
  }

  @Override
  public void stop() throws LifecycleException {
    if (deployed != null) {
      try {
        super.undeploy(deployed);
      } catch (DeploymentException e) {
        throw new LifecycleException("The shared server did not stop", e);
      } finally {
        deployed = null;
      }
    }
    super.stop();
  }

  /** Each class starts on the system time, whatever the one before did to the clock. */
  private void resetClock() throws DeploymentException {
    HTTPContext context = running.getContexts(HTTPContext.class).iterator().next();
    try {
      new Http(context.getServlets().get(0).getBaseURI().toURL()).resetClock();
    } catch (MalformedURLException | RuntimeException e) {
      throw new DeploymentException("The clock was not reset", e);
    }
  }
}
