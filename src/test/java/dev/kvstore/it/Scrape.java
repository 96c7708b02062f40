package dev.kvstore.it;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /_metrics}: each series of the Prometheus text by name and labels. */
public final class Scrape {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

  private final Map<String, Double> samples = new HashMap<>();

  private Scrape(String text) {
    for (String line : text.split("\n")) {
      Matcher sample = SAMPLE.matcher(line.strip());
      if (!line.startsWith("#") && sample.matches()) {
        Map<String, String> labels = new TreeMap<>();
        Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
        labels.remove("mp_scope");
        samples.put(series(sample.group(1), labels), Double.parseDouble(sample.group(3)));
      }
    }
  }

  /** Scrapes the metrics of the server at {@code base}: at its root, whatever the context root. */
  public static Scrape of(URL base) {
    var response = new Http("http://127.0.0.1:" + base.getPort() + "/").get("_metrics");
    if (response.statusCode() != 200) {
      throw new IllegalStateException("/_metrics answered " + response.statusCode());
    }
    return new Scrape(response.body());
  }

  /** Whether the series is there at all. */
  public boolean has(String name, String... labels) {
    return samples.containsKey(series(name, labels(labels)));
  }

  /** The series' value; 0 when it is not there yet (a labelled counter appears on first use). */
  public double value(String name, String... labels) {
    return samples.getOrDefault(series(name, labels(labels)), 0.0);
  }

  /** How much the series grew since {@code before}. */
  public double since(Scrape before, String name, String... labels) {
    return value(name, labels) - before.value(name, labels);
  }

  private static Map<String, String> labels(String... pairs) {
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      labels.put(pairs[i], pairs[i + 1]);
    }
    return labels;
  }

  private static String series(String name, Map<String, String> labels) {
    return name + labels;
  }
}
