package io.regen.webhook.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.regen.webhook.AlertEvent;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.EventResult;
import io.regen.webhook.Outcome;
import io.regen.webhook.Severity;
import io.regen.webhook.jdbc.JdbcAlertStore;
import io.regen.webhook.jdbc.JdbcSchema;
import io.regen.webhook.lifecycle.LabelIncidentLinker;
import io.regen.webhook.lifecycle.LifecycleEngine;
import io.regen.webhook.spi.IncidentNotifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link JdbcAlertStore} on PostgreSQL behind the lifecycle engine, against {@link FloorUpsert}:
 * plain JDBC that upserts the same rows with one batched {@code INSERT ... ON CONFLICT} per
 * request, both through one HikariCP pool. Requests of 100 alerts with new keys, existing keys or
 * resolves of open alerts; run it with {@code -t 1} and {@code -t 8}.
 *
 * <p>Every thread has its own keys and its own ten incident groups, so threads contend for the
 * database, not for each other's locks. For resolves, the alerts (or rows) to resolve are created
 * before each invocation, outside the measured time. The database is given by the system
 * properties {@code bench.jdbc.url} (default {@value #DEFAULT_URL}), {@code bench.jdbc.user}
 * (default {@code postgres}) and {@code bench.jdbc.password} (default none); the tables, prefixed
 * {@code bench_}, are emptied when a trial starts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class JdbcBenchmark {

  static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String PREFIX = "bench_";

  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final Instant STARTED_AT = Instant.parse("2026-01-15T10:30:00Z");

  /** Alerts per request. */
  @Param({"100"})
  public int alerts;

  /** {@code new}, {@code existing} or {@code resolve}. */
  @Param({"new", "existing", "resolve"})
  public String kind;

  private HikariDataSource pool;
  private LifecycleEngine engine;
  private FloorUpsert floor;

  /** Opens the pool, migrates the tables and empties them. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(System.getProperty("bench.jdbc.url", DEFAULT_URL));
    config.setUsername(System.getProperty("bench.jdbc.user", "postgres"));
    config.setPassword(System.getProperty("bench.jdbc.password"));
    config.setMaximumPoolSize(16);
    pool = new HikariDataSource(config);
    JdbcSchema.migrate(pool, PREFIX);
    floor = new FloorUpsert(pool, PREFIX + "floor_alert");
    truncate(pool);
    JdbcAlertStore store = JdbcAlertStore.builder(pool).tablePrefix(PREFIX).build();
    engine =
        new LifecycleEngine(
            store, IncidentNotifier.NONE, LabelIncidentLinker.defaults(), Duration.ZERO);
  }

  /** Empties the store's tables and the floor's. */
  static void truncate(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "TRUNCATE " + PREFIX + "alert, " + PREFIX + "incident, " + PREFIX + "key_lock, "
              + PREFIX + "group_lock, " + PREFIX + "floor_alert");
    }
  }

  /** Closes the pool. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  /** Applies one request through the engine and the JDBC store. */
  @Benchmark
  public List<EventResult> library(LibraryRequest request) {
    List<EventResult> results = engine.apply(request.events);
    request.check(results);
    return results;
  }

  /** Upserts the rows of one request with one batched statement. */
  @Benchmark
  public int floor(FloorRequest request) throws SQLException {
    return floor.upsert(request.events);
  }

  /** The keys of one benchmark thread and the events of its next request. */
  abstract static class ThreadKeys {
    final String thread = "t" + THREADS.incrementAndGet();
    int requests;
    List<AlertEvent> events;

    /** Returns the firing events of the next request: the same keys, or new ones. */
    List<AlertEvent> firing(JdbcBenchmark benchmark) {
      String keys = benchmark.kind.equals("existing") ? "existing" : "r" + requests++;
      Instant now = Instant.now();
      List<AlertEvent> firing = new ArrayList<>(benchmark.alerts);
      for (int i = 0; i < benchmark.alerts; i++) {
        String key = thread + "-" + keys + "-" + i;
        String service = "redis-" + thread + "-" + i % Payloads.SERVICES;
        firing.add(
            new AlertEvent(
                i, key, key, "Redis memory usage above 90% on " + service,
                "Instance " + service + " uses 91.2% of its available memory.",
                Severity.CRITICAL, AlertStatus.FIRING, "bench-monitor",
                Map.of("service", service, "environment", "production", "region", "us-east-1"),
                "{\"runbook\":\"https://wiki.example.com/runbooks/redis-memory\","
                    + "\"dashboard\":\"https://grafana.example.com/d/redis\"}",
                STARTED_AT, now));
      }
      return firing;
    }

    /** Returns key-only resolves of these firing events. */
    static List<AlertEvent> resolves(List<AlertEvent> firing) {
      Instant now = Instant.now();
      List<AlertEvent> resolves = new ArrayList<>(firing.size());
      for (AlertEvent event : firing) {
        resolves.add(
            new AlertEvent(
                event.index(), event.dedupKey(), event.externalId(), null, null, null,
                AlertStatus.RESOLVED, null, null, null, null, now));
      }
      return resolves;
    }
  }

  /** The next request of the library; for resolves, its alerts are fired first. */
  @State(Scope.Thread)
  public static class LibraryRequest extends ThreadKeys {

    /** Prepares the next request, outside the measured time. */
    @Setup(Level.Invocation)
    public void prepare(JdbcBenchmark benchmark) {
      events = firing(benchmark);
      if (benchmark.kind.equals("resolve")) {
        benchmark.engine.apply(events);
        events = resolves(events);
      }
    }

    void check(List<EventResult> results) {
      Outcome expected = events.get(0).isResolve() ? Outcome.RESOLVED : null;
      for (EventResult result : results) {
        if (result.outcome() == Outcome.REJECTED
            || expected != null && result.outcome() != expected) {
          throw new IllegalStateException("unexpected outcome " + result);
        }
      }
    }
  }

  /** The next request of the floor; for resolves, its rows are inserted first. */
  @State(Scope.Thread)
  public static class FloorRequest extends ThreadKeys {

    /** Prepares the next request, outside the measured time. */
    @Setup(Level.Invocation)
    public void prepare(JdbcBenchmark benchmark) throws SQLException {
      events = firing(benchmark);
      if (benchmark.kind.equals("resolve")) {
        benchmark.floor.upsert(events);
        events = resolves(events);
      }
    }
  }
}
