package dev.kvstore.info;

import dev.kvstore.storage.Database;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** I3: one line once the application is up: version, backend, port, data directory. */
@Singleton
@Startup
@DependsOn({"Database", "ExpirySweeper"})
public class StartupLine {

  private static final Logger LOG = Logger.getLogger(StartupLine.class.getName());

  @Inject Database database;

  /** The HTTP port, as Payara's own configuration source reports it. */
  @Inject
  @ConfigProperty(name = "payara.instance.http.port", defaultValue = "unknown")
  String port;

  @Inject
  @ConfigProperty(name = "kv.data.dir")
  String dataDir;

  @PostConstruct
  void announce() {
    LOG.info(
        () ->
            "kvstore "
                + Build.VERSION
                + " started: port "
                + port
                + ", backend "
                + database.product()
                + ", data in "
                + Path.of(dataDir).toAbsolutePath().normalize());
  }
}
