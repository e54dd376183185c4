package io.regen.webhook.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs benchmarks with the usual JMH command-line options, then prints one line per benchmark
 * with its throughput and the half-width of its 99.9% confidence interval, alerts per second and,
 * under {@code -prof gc}, bytes allocated per alert, and the ratio of each library benchmark to its
 * floor.
 *
 * <p>A benchmark method named {@code library} or {@code <step>Library} is paired with {@code
 * floor} or {@code <step>Floor} of the same class, parameters and thread count; ratio =
 * library throughput / floor throughput. A floor may have variants, named with a suffix such as
 * {@code floorNoSchema} or {@code <step>FloorNoSchema}; each gets a ratio line of its own. The
 * number of alerts per operation is the {@code alerts} parameter, 1 when a benchmark has none.
 */
public final class Compare {

  private static final String LIBRARY = "library";
  private static final String FLOOR = "floor";

  private Compare() {}

  /**
   * Runs JMH with these arguments, such as {@code HandlerBenchmark -f 1 -prof gc}, and prints
   * the table.
   */
  public static void main(String[] args) throws CommandLineOptionException, RunnerException {
    Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
    System.out.println();
    System.out.println(table(results));
  }

  /** Formats the results and the ratios. */
  static String table(Collection<RunResult> results) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-34s %-26s %3s %12s %10s %12s %9s%n",
            "benchmark", "params", "thr", "ops/s", "error", "alerts/s", "B/alert"));
    Map<String, Double> libraries = new LinkedHashMap<>();
    Map<String, Map<String, Double>> floors = new LinkedHashMap<>();
    for (RunResult result : results) {
      BenchmarkParams params = result.getParams();
      String name = shortName(params.getBenchmark());
      int alerts = alertsOf(params);
      double score = result.getPrimaryResult().getScore();
      String allocation =
          allocationNorm(result)
              .map(bytes -> String.format(Locale.ROOT, "%.0f", bytes / alerts))
              .orElse("-");
      out.append(
          String.format(
              Locale.ROOT,
              "%-34s %-26s %3d %12.1f %10.1f %12.0f %9s%n",
              name, paramText(params), params.getThreads(), score,
              result.getPrimaryResult().getScoreError(), score * alerts, allocation));
      String method = name.substring(name.lastIndexOf('.') + 1);
      String pairKey =
          name.substring(0, name.lastIndexOf('.')) + "|" + paramText(params) + "|"
              + params.getThreads();
      if (method.equals(LIBRARY) || method.endsWith("Library")) {
        libraries.put(pairKey + "|" + stepOf(method, "Library"), score);
      } else if (method.startsWith(FLOOR) || method.contains("Floor")) {
        int floorAt = method.startsWith(FLOOR) ? 0 : method.indexOf("Floor");
        String step = method.substring(0, floorAt);
        String variant = method.substring(floorAt + FLOOR.length());
        floors
            .computeIfAbsent(pairKey + "|" + step, key -> new LinkedHashMap<>())
            .put(variant, score);
      }
    }
    List<String> ratios = new ArrayList<>();
    libraries.forEach(
        (key, score) -> {
          String[] parts = key.split("\\|", -1);
          floors
              .getOrDefault(key, Map.of())
              .forEach(
                  (variant, floor) ->
                      ratios.add(
                          String.format(
                              Locale.ROOT,
                              "ratio %-28s %-26s %3s  library/floor%s = %.3f%n",
                              parts[0] + (parts[3].isEmpty() ? "" : "." + parts[3]),
                              parts[1],
                              parts[2],
                              variant,
                              score / floor)));
        });
    out.append(System.lineSeparator());
    ratios.forEach(out::append);
    return out.toString();
  }

  private static String stepOf(String method, String suffix) {
    return method.equals(suffix.toLowerCase(Locale.ROOT))
        ? ""
        : method.substring(0, method.length() - suffix.length());
  }

  private static String shortName(String benchmark) {
    String[] parts = benchmark.split("\\.");
    return parts[parts.length - 2] + "." + parts[parts.length - 1];
  }

  private static int alertsOf(BenchmarkParams params) {
    String value = params.getParam("alerts");
    return value == null ? 1 : Integer.parseInt(value);
  }

  private static String paramText(BenchmarkParams params) {
    StringBuilder text = new StringBuilder();
    for (String key : params.getParamsKeys()) {
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(key).append('=').append(params.getParam(key));
    }
    return text.toString();
  }

  private static Optional<Double> allocationNorm(RunResult result) {
    for (String label : result.getSecondaryResults().keySet()) {
      if (label.endsWith("gc.alloc.rate.norm")) {
        return Optional.of(result.getSecondaryResults().get(label).getScore());
      }
    }
    return Optional.empty();
  }
}
