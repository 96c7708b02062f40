package dev.kvstore;

import dev.kvstore.auth.entity.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * The JAX-RS application, at the root of the context so that a key lives at {@code /{key}}.
 *
 * <p>What every operation of the OpenAPI document shares — info, security schemes, error responses,
 * data shapes — is in {@code META-INF/openapi.yaml}; the operations are annotated on the resources.
 */
@ApplicationPath("/")
@DeclareRoles({Roles.READ, Roles.WRITE, Roles.ADMIN})
public class KvStoreApplication extends Application {

  @Override
  public Map<String, Object> getProperties() {
    return Map.of(
        // WADL would claim /application.wadl, a path that belongs to a key.
        "jersey.config.server.wadl.disableWadl", true,
        // An error status without a body must not become the servlet container's HTML page.
        "jersey.config.server.response.setStatusOverSendError", true,
        // No resource declares Bean Validation constraints: Jersey would still look for them on
        // every call (bench/results/2026-11-27-4.md).
        "jersey.config.beanValidation.disable.server", true);
  }
}
