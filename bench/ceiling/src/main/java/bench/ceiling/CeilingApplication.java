package bench.ceiling;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS at the root, as kvstore, so both serve {@code GET /<key>}. */
@ApplicationPath("/")
public class CeilingApplication extends Application {}
