package dev.kvstore.it.container;

import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Arquillian extension: Payara Micro booted once per run ({@link SharedMicroContainer}). */
public class OneServerPerRun implements LoadableExtension {

  @Override
  public void register(ExtensionBuilder builder) {
    builder.override(
        DeployableContainer.class,
        PayaraMicroDeployableContainer.class,
        SharedMicroContainer.class);
  }
}
