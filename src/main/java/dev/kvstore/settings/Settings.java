package dev.kvstore.settings;

import static dev.kvstore.settings.Setting.between;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every {@code kv.*} setting and its rule (G1, G2), checked before anything uses one: a wrong value
 * stops the server with one line that names the setting, instead of a failed deployment and a
 * server that answers 404 to everything.
 */
public final class Settings {

  private static final Logger LOG = Logger.getLogger(Settings.class.getName());

  /** Exit status of a server stopped by a wrong setting (as {@code EX_CONFIG} of sysexits.h). */
  static final int EXIT_CONFIG = 78;

  private static final int INT_MAX = Integer.MAX_VALUE;

  /** Every setting with its rule; README's configuration table lists the same ones. */
  static final List<Setting> ALL =
      List.of(
          new Setting("kv.data.dir", Setting.writableDirectory()),
          new Setting("kv.value.max-bytes", between(1, INT_MAX)),
          new Setting("kv.body.max-bytes", between(1, INT_MAX)),
          new Setting("kv.key.max-length", between(1, 512)),
          new Setting("kv.keys.max-limit", between(1, 1000)),
          new Setting("kv.keys.page-values-max-chars", between(1, INT_MAX)),
          new Setting("kv.batch.max-ops", between(1, INT_MAX)),
          new Setting("kv.json.max-depth", between(1, 10_000)),
          new Setting("kv.lock.timeout-seconds", between(1, 3600)),
          new Setting("kv.expiry.sweep.interval-seconds", between(1, INT_MAX)),
          new Setting("kv.expiry.sweep.batch-size", between(1, INT_MAX)),
          new Setting("kv.expiry.sweep.time-budget-ms", between(1, INT_MAX)),
          new Setting("kv.metrics.key-count-max-age-seconds", between(0, INT_MAX)),
          new Setting("kv.clock.skew-seconds", between(-86_400, 86_400)),
          new Setting("kv.cache.max-bytes", between(0, INT_MAX)),
          new Setting("kv.admin-token", Setting.secret(16)),
          new Setting("kv.db.url", Setting.prefix("jdbc:postgresql://")),
          new Setting("kv.db.statement-cache-size", between(0, 10_000)));

  private Settings() {}

  /**
   * Stops the server, with one line, unless every setting is valid. Called as the persistence unit
   * deploys ({@link dev.kvstore.storage.SessionSetup}): the first code of the application that
   * Payara runs, before it opens the database or converts any injected setting.
   */
  public static void requireValid() {
    Config config = ConfigProvider.getConfig();
    firstProblem(name -> config.getOptionalValue(name, String.class))
        .ifPresent(Settings::refuseToStart);
  }

  /**
   * Stops the server with one line, {@code kvstore cannot start: <problem>}, and exit status 78.
   * Payara Micro would go on running without the application. System.exit would wait for Payara's
   * shutdown hook, which waits for this deployment: halt; nothing has been served or written yet.
   */
  public static void refuseToStart(String problem) {
    LOG.severe("kvstore cannot start: " + problem);
    Runtime.getRuntime().halt(EXIT_CONFIG);
  }

  /** The first wrong setting, as a sentence naming it and its environment variable. */
  static Optional<String> firstProblem(Function<String, Optional<String>> values) {
    for (Setting setting : ALL) {
      Optional<String> problem =
          values.apply(setting.name()).flatMap(value -> setting.rule().problem(value));
      if (problem.isPresent()) {
        return Optional.of(
            setting.name() + " (" + setting.environmentVariable() + ") must " + problem.get());
      }
    }
    long value = values.apply("kv.value.max-bytes").map(Long::parseLong).orElse(0L);
    long body = values.apply("kv.body.max-bytes").map(Long::parseLong).orElse(value);
    return body < value
        ? Optional.of(
            "kv.body.max-bytes (KV_BODY_MAX_BYTES) must not be below kv.value.max-bytes: a body"
                + " holds its value")
        : Optional.empty();
  }
}
