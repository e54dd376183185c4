package io.regen.webhook.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Measures the CPU time per request of {@link HandlerBenchmark}'s library and floors in one JVM,
 * interleaved in blocks, so that other work on a shared machine affects them alike and the time
 * that the thread waits for a core does not count.
 *
 * <p>NOTE: on a virtual machine, time that the hypervisor takes away from a running thread still
 * counts as its CPU time, so absolute figures from a busy host are inflated; the ratios, taken
 * from interleaved blocks, are the figures to compare.
 *
 * <p>Each block runs about 2,000 alerts' worth of requests on one side and records the CPU time of
 * the calling thread from {@link ThreadMXBean#getCurrentThreadCpuTime()}. The first 40 % of the
 * run is warm-up. The median over the remaining blocks is printed per side, with the quartiles and
 * the ratio library/floor of throughput per CPU second. Garbage collection on other threads is not
 * counted, so compare allocation with {@code run-jmh.sh HandlerBenchmark -prof gc}.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * io.regen.webhook.benchmarks.HandlerCpuTime ALERTS KEYS SECONDS}, such as {@code 100 existing
 * 30}; KEYS is {@code new} or {@code existing} as in {@link HandlerBenchmark}.
 */
public final class HandlerCpuTime {

  private static final int ALERTS_PER_BLOCK = 2_000;
  private static final double WARM_UP_SHARE = 0.4;

  private HandlerCpuTime() {}

  /** Runs the measurement that the arguments describe and prints the result. */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: HandlerCpuTime ALERTS KEYS SECONDS, such as 100 existing 30");
      System.exit(2);
    }
    int alerts = Integer.parseInt(args[0]);
    String keys = args[1];
    double seconds = Double.parseDouble(args[2]);

    Map<String, Callable<Object>> sides = new LinkedHashMap<>();
    HandlerBenchmark library = benchmark(alerts, keys);
    HandlerBenchmark floor = benchmark(alerts, keys);
    HandlerBenchmark floorNoSchema = benchmark(alerts, keys);
    sides.put("library", library::library);
    sides.put("floor", floor::floor);
    sides.put("floorNoSchema", floorNoSchema::floorNoSchema);

    Map<String, double[]> nanosPerRequest = measure(sides, alerts, seconds);
    print(alerts, keys, nanosPerRequest);
  }

  private static HandlerBenchmark benchmark(int alerts, String keys) {
    HandlerBenchmark benchmark = new HandlerBenchmark();
    benchmark.alerts = alerts;
    benchmark.keys = keys;
    benchmark.setUp();
    return benchmark;
  }

  /** Returns, per side, the sorted CPU nanoseconds per request of each measured block. */
  private static Map<String, double[]> measure(
      Map<String, Callable<Object>> sides, int alerts, double seconds) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int requestsPerBlock = Math.max(1, ALERTS_PER_BLOCK / alerts);
    Map<String, List<Double>> blocks = new LinkedHashMap<>();
    sides.keySet().forEach(name -> blocks.put(name, new ArrayList<>()));
    long start = System.nanoTime();
    long warmUpEnd = start + (long) (seconds * WARM_UP_SHARE * 1e9);
    long end = start + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      boolean warmingUp = System.nanoTime() < warmUpEnd;
      for (Map.Entry<String, Callable<Object>> side : sides.entrySet()) {
        long cpuStart = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < requestsPerBlock; i++) {
          side.getValue().call();
        }
        long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
        if (!warmingUp) {
          blocks.get(side.getKey()).add(cpuNanos / (double) requestsPerBlock);
        }
      }
    }
    Map<String, double[]> sorted = new LinkedHashMap<>();
    blocks.forEach(
        (name, values) -> {
          double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
          Arrays.sort(array);
          sorted.put(name, array);
        });
    return sorted;
  }

  private static void print(int alerts, String keys, Map<String, double[]> nanosPerRequest) {
    System.out.printf(
        Locale.ROOT, "alerts=%d keys=%s, %d measured blocks per side%n",
        alerts, keys, nanosPerRequest.get("library").length);
    System.out.printf(
        Locale.ROOT, "%-14s %14s %22s %12s %16s%n",
        "side", "us/request", "quartiles", "us/alert", "alerts/CPU-s");
    Map<String, Double> medians = new LinkedHashMap<>();
    nanosPerRequest.forEach(
        (name, values) -> {
          if (values.length == 0) {
            throw new IllegalStateException("no block was measured; pass more SECONDS");
          }
          double median = values[values.length / 2];
          medians.put(name, median);
          System.out.printf(
              Locale.ROOT, "%-14s %14.1f %10.1f to %9.1f %12.2f %16.0f%n",
              name, median / 1e3, values[values.length / 4] / 1e3,
              values[3 * values.length / 4] / 1e3, median / 1e3 / alerts, alerts * 1e9 / median);
        });
    for (String floor : List.of("floor", "floorNoSchema")) {
      System.out.printf(
          Locale.ROOT, "library/%s = %.3f%n", floor, medians.get(floor) / medians.get("library"));
    }
  }
}
