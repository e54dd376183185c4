package io.regen.webhook.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of the example jar: without a subcommand it runs the receiver, and {@code send}
 * posts a payload to a webhook.
 *
 * <p>Every receiver option can also be set with an environment variable, which the help lists.
 */
@Command(
    name = "regen-webhook-example",
    sortOptions = false,
    usageHelpAutoWidth = true,
    mixinStandardHelpOptions = true,
    versionProvider = RegenWebhookExample.Version.class,
    subcommands = {SendCommand.class},
    description = {
      "Runs a receiver for the regen-webhook generic webhook: POST /api/v1/webhooks/generic"
          + " stores alerts, GET /api/v1/alerts and /api/v1/incidents show them, GET /health"
          + " checks the store.",
      "Stops gracefully on SIGINT (Ctrl-C) and SIGTERM."
    },
    footer = {
      "",
      "Alerts are stored in an H2 file database under ./regen-data unless --jdbc-url or --memory"
          + " is given. Secrets and passwords are never printed."
    })
public final class RegenWebhookExample implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "${env:REGEN_WEBHOOK_PORT:-8080}",
      description =
          "TCP port to listen on; 0 picks a free port (default: ${DEFAULT-VALUE};"
              + " environment variable REGEN_WEBHOOK_PORT).")
  private int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "${env:REGEN_WEBHOOK_BIND:-0.0.0.0}",
      description =
          "IP address to listen on. The default 0.0.0.0 accepts connections on every network"
              + " interface, so other machines can send alerts; 127.0.0.1 accepts them only from"
              + " this machine (default: ${DEFAULT-VALUE}; environment variable"
              + " REGEN_WEBHOOK_BIND).")
  private String bindAddress;

  @Option(
      names = "--secret",
      paramLabel = "SECRET",
      split = ",",
      defaultValue = "${env:REGEN_WEBHOOK_SECRETS}",
      showDefaultValue = Visibility.NEVER,
      description =
          "Secret that every POST must be signed with (X-Regen-Signature: sha256=<HMAC-SHA256 of"
              + " the body>). Repeat it to accept several during a rotation; any one may match."
              + " Without a secret, unsigned requests are accepted. Environment variable"
              + " REGEN_WEBHOOK_SECRETS (comma-separated), which other users of this machine"
              + " cannot see, unlike a command line.")
  private List<String> secrets = new ArrayList<>();

  @Option(
      names = "--memory",
      defaultValue = "${env:REGEN_WEBHOOK_MEMORY:-false}",
      description =
          "Keep alerts in memory only; they are lost when the receiver stops (environment"
              + " variable REGEN_WEBHOOK_MEMORY=true).")
  private boolean memory;

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      defaultValue = "${env:REGEN_WEBHOOK_JDBC_URL:-" + JdbcUrls.DEFAULT_URL + "}",
      description =
          "JDBC URL of the database that stores alerts: H2 (jdbc:h2:...), PostgreSQL"
              + " (jdbc:postgresql://...) or MariaDB (jdbc:mariadb://...). The schema is created"
              + " or migrated at start-up (default: ${DEFAULT-VALUE}; environment variable"
              + " REGEN_WEBHOOK_JDBC_URL).")
  private String jdbcUrl;

  @Option(
      names = "--jdbc-user",
      paramLabel = "USER",
      defaultValue = "${env:REGEN_WEBHOOK_JDBC_USER}",
      description =
          "Database user (default: " + JdbcUrls.DEFAULT_H2_USER + " for H2, none otherwise;"
              + " environment variable REGEN_WEBHOOK_JDBC_USER).")
  private String jdbcUser;

  @Option(
      names = "--jdbc-password",
      paramLabel = "PASSWORD",
      defaultValue = "${env:REGEN_WEBHOOK_JDBC_PASSWORD}",
      showDefaultValue = Visibility.NEVER,
      description =
          "Database password (default: none; environment variable REGEN_WEBHOOK_JDBC_PASSWORD,"
              + " which other users of this machine cannot see, unlike a command line).")
  private String jdbcPassword;

  @Option(
      names = "--reopen-window",
      paramLabel = "DURATION",
      defaultValue = "${env:REGEN_WEBHOOK_REOPEN_WINDOW:-0}",
      converter = DurationConverter.class,
      description =
          "How long after a resolve a firing event with the same key reopens the alert instead of"
              + " creating a new one, such as 90s, 10m or 1h; 0 never reopens (default:"
              + " ${DEFAULT-VALUE}; environment variable REGEN_WEBHOOK_REOPEN_WINDOW).")
  private Duration reopenWindow;

  @Option(
      names = "--stop-timeout",
      paramLabel = "DURATION",
      defaultValue = "${env:REGEN_WEBHOOK_STOP_TIMEOUT:-10s}",
      converter = DurationConverter.class,
      description =
          "How long a stop waits for requests in progress before it closes their connections"
              + " (default: ${DEFAULT-VALUE}; environment variable REGEN_WEBHOOK_STOP_TIMEOUT).")
  private Duration stopTimeout;

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new RegenWebhookExample());
    commandLine.setParameterExceptionHandler(RegenWebhookExample::reportInvalidInput);
    System.exit(commandLine.execute(args));
  }

  /** Prints the error and a hint to the help instead of the whole usage text. */
  private static int reportInvalidInput(ParameterException error, String[] args) {
    CommandLine command = error.getCommandLine();
    command.getErr().println(error.getMessage());
    String name = command.getCommandName();
    command.getErr().println("Add --help to list the options of '" + name + "'.");
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** Starts the receiver and blocks until it stops. */
  @Override
  public Integer call() throws Exception {
    return ExampleReceiver.run(settings());
  }

  ReceiverSettings settings() {
    if (port < 0 || port > 65_535) {
      throw new ParameterException(
          spec.commandLine(), "Invalid --port " + port + ": use 0 to 65535");
    }
    if (memory && spec.commandLine().getParseResult().hasMatchedOption("--jdbc-url")) {
      throw new ParameterException(
          spec.commandLine(), "--memory and --jdbc-url exclude each other: give one of them");
    }
    List<String> cleanSecrets = new ArrayList<>();
    for (String secret : secrets) {
      if (secret.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "A secret is empty: remove the empty entry from --secret or REGEN_WEBHOOK_SECRETS");
      }
      cleanSecrets.add(secret);
    }
    String user = jdbcUser;
    if (user == null && JdbcUrls.isH2(jdbcUrl)) {
      user = JdbcUrls.DEFAULT_H2_USER;
    }
    return new ReceiverSettings(
        bindAddress, port, cleanSecrets, memory, jdbcUrl, user, jdbcPassword, reopenWindow,
        stopTimeout);
  }

  /** Reads the version from the jar manifest, when the classes run from the built jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = RegenWebhookExample.class.getPackage().getImplementationVersion();
      String versionText = version == null ? "(development build)" : version;
      return new String[] {"regen-webhook-example " + versionText};
    }
  }
}
