package io.regen.webhook.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged example jar running as a separate JVM, with its standard output and error collected
 * line by line and copied to a log file for failed runs.
 */
final class ReceiverProcess implements AutoCloseable {

  static final Path JAR = Path.of(System.getProperty("regen.example.jar", "target/none.jar"));
  static final Path WORK = Path.of(System.getProperty("regen.example.work", "target/e2e"));

  private static final Pattern LISTENING = Pattern.compile("Listening on http://\\S+:(\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;
  private int port;

  private ReceiverProcess(Process process, Path log) {
    this.process = process;
    this.reader = new Thread(() -> collect(log), "receiver-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code java -jar} with the arguments and extra environment variables, and returns once
   * the receiver listens and {@code /health} returns 200.
   */
  static ReceiverProcess start(String name, Map<String, String> environment, String... arguments)
      throws IOException, InterruptedException {
    ReceiverProcess receiver = launch(name, environment, arguments);
    try {
      receiver.port = Integer.parseInt(receiver.awaitOutput(LISTENING, START_TIMEOUT).group(1));
      receiver.awaitHealthy();
    } catch (AssertionError | RuntimeException | IOException e) {
      receiver.close();
      throw e;
    }
    return receiver;
  }

  /** Starts {@code java -jar} with the arguments and returns at once. */
  static ReceiverProcess launch(String name, Map<String, String> environment, String... arguments)
      throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException("packaged jar not found: " + JAR + "; run mvn verify");
    }
    Files.createDirectories(WORK);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.directory(WORK.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("REGEN_WEBHOOK_"));
    builder.environment().putAll(environment);
    return new ReceiverProcess(builder.start(), WORK.resolve(name + ".log"));
  }

  /** Returns the base URL, such as {@code http://127.0.0.1:41234}. */
  URI baseUri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Returns the URL of a path on the receiver. */
  URI uri(String path) {
    return baseUri().resolve(path);
  }

  /** Returns everything the process wrote so far. */
  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** Waits until a line matches, and returns the match. */
  Matcher awaitOutput(Pattern pattern, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    int checked = 0;
    while (true) {
      synchronized (lines) {
        for (; checked < lines.size(); checked++) {
          Matcher matcher = pattern.matcher(lines.get(checked));
          if (matcher.find()) {
            return matcher;
          }
        }
      }
      if (!process.isAlive() && !reader.isAlive() && allLinesChecked(checked)) {
        throw new AssertionError(
            "receiver exited with " + process.exitValue() + " before printing " + pattern
                + "; output:\n" + output());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "no output line matched " + pattern + " within " + timeout + "; output:\n" + output());
      }
      Thread.sleep(50);
    }
  }

  /** Waits for the process to exit, and returns its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("process did not exit within " + timeout + "; output:\n" + output());
    }
    reader.join(timeout.toMillis());
    return process.exitValue();
  }

  /** Sends SIGTERM, as a service manager or Ctrl-C does, and waits for the process to exit. */
  int terminate() throws InterruptedException {
    // Process.destroy() would also close the output pipe and lose what the shutdown hook logs.
    process.toHandle().destroy();
    return awaitExit(Duration.ofSeconds(30));
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private boolean allLinesChecked(int checked) {
    synchronized (lines) {
      return checked >= lines.size();
    }
  }

  private void awaitHealthy() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    Optional<Integer> status = Optional.empty();
    while (Instant.now().isBefore(deadline)) {
      HttpRequest request = HttpRequest.newBuilder(uri("/health")).GET().build();
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      status = Optional.of(response.statusCode());
      if (status.get() == 200) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("GET /health returned " + status + "; output:\n" + output());
  }

  private void collect(Path log) {
    try (BufferedReader input =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
      String line;
      while ((line = input.readLine()) != null) {
        copy.println(line);
        copy.flush();
        synchronized (lines) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
