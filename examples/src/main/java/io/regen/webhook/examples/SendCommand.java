package io.regen.webhook.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code send} subcommand: posts a payload to a generic webhook exactly as read, signed when a
 * secret is given, and prints the response status and body.
 */
@Command(
    name = "send",
    sortOptions = false,
    usageHelpAutoWidth = true,
    mixinStandardHelpOptions = true,
    description = {
      "Posts a JSON payload to a generic webhook and prints the response status and body.",
      "The bytes are sent unchanged as Content-Type application/json. With a secret, the header"
          + " X-Regen-Signature: sha256=<hex> carries the HMAC-SHA256 of exactly those bytes."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the webhook answered with a 2xx status",
      "1:the webhook answered with another status",
      "2:invalid options, or the payload could not be read",
      "3:the request failed: no connection, timeout or I/O error"
    })
final class SendCommand implements Callable<Integer> {

  static final int EXIT_REJECTED = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_FAILED = 3;

  @Spec private CommandSpec spec;

  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = "${env:REGEN_WEBHOOK_URL:-http://127.0.0.1:8080/api/v1/webhooks/generic}",
      description =
          "Webhook URL to post to (default: ${DEFAULT-VALUE}; environment variable"
              + " REGEN_WEBHOOK_URL).")
  private URI url;

  @Option(
      names = "--secret",
      paramLabel = "SECRET",
      defaultValue = "${env:REGEN_WEBHOOK_SECRET}",
      showDefaultValue = Visibility.NEVER,
      description =
          "Secret to sign the payload with; without one the request is sent unsigned. Also read"
              + " from the environment variable REGEN_WEBHOOK_SECRET, which other users of this"
              + " machine cannot see, unlike a command line.")
  private String secret;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "Time to wait for the connection and for the response, such as 500ms, 10s or 1m"
              + " (default: ${DEFAULT-VALUE}).")
  private Duration timeout;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "File that contains the JSON payload, or - to read it from standard input.")
  private String file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    checkOptions();
    byte[] body;
    try {
      body = file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      err.println("Could not read the payload from " + file + ": " + e);
      return EXIT_USAGE;
    }

    HttpResponse<String> response;
    try {
      response = post(body);
    } catch (IOException e) {
      err.println("Request to " + url + " failed: " + e);
      return EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("Request to " + url + " was interrupted");
      return EXIT_FAILED;
    }

    out.println("HTTP " + response.statusCode());
    out.println(response.body());
    out.flush();
    int status = response.statusCode();
    return status >= 200 && status < 300 ? 0 : EXIT_REJECTED;
  }

  private void checkOptions() {
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new ParameterException(
          spec.commandLine(),
          "Invalid --url '" + url + "': it must start with http:// or https://");
    }
    if (secret != null && secret.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "The secret is empty: give a non-empty --secret or REGEN_WEBHOOK_SECRET, or neither to"
              + " send unsigned");
    }
    if (timeout.isZero()) {
      throw new ParameterException(spec.commandLine(), "--timeout must be greater than 0");
    }
  }

  private HttpResponse<String> post(byte[] body) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (secret != null) {
      request.header(Signatures.HEADER, Signatures.sign(secret, body));
    }
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
