package dev.kvstore.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Servers of the jar that test classes share: each started by the first class that asks for it and
 * stopped when the run ends, since a start takes seconds. A class asks with
 * {@code @ExtendWith(JarServers.class)} and a parameter of its {@code @BeforeAll} method: a {@link
 * MicroServer} for the server with no token configured (protected mode), a {@link Secured} for the
 * one started with {@code KV_ADMIN_TOKEN}. Classes that share a server use keys and tokens of their
 * own and measure by difference.
 */
public final class JarServers implements ParameterResolver {

  /** The server started with {@code KV_ADMIN_TOKEN}, and that token. */
  public record Secured(MicroServer server, String adminToken) {}

  private static final Namespace NAMESPACE = Namespace.create(JarServers.class);

  /** A server in the run's store, which stops it when the run ends. */
  private record Running<T>(T held, MicroServer server)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      server.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == MicroServer.class || type == Secured.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(type, JarServers::start, Running.class)
        .held();
  }

  private static Running<?> start(Class<?> type) {
    try {
      Path itDir = Path.of(System.getProperty("kvstore.itDir"));
      Files.createDirectories(itDir);
      if (type == Secured.class) {
        String adminToken = "admin-" + UUID.randomUUID();
        String run = "secured-" + UUID.randomUUID();
        MicroServer server =
            MicroServer.start(
                itDir.resolve(run),
                itDir.resolve(run + ".log"),
                Map.of("KV_ADMIN_TOKEN", adminToken));
        return new Running<>(new Secured(server, adminToken), server);
      }
      String run = "plain-" + UUID.randomUUID();
      MicroServer server = MicroServer.start(itDir.resolve(run), itDir.resolve(run + ".log"));
      return new Running<>(server, server);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the shared server started", e);
    } catch (Exception e) {
      throw new IllegalStateException("The shared server did not start", e);
    }
  }
}
