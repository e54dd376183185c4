package io.regen.webhook.examples;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the receiver, read from the command line and the environment.
 *
 * @param bindAddress address to listen on, such as {@code 0.0.0.0}
 * @param port TCP port, or 0 for any free port
 * @param secrets signing secrets, empty for unsigned requests
 * @param memory whether alerts are kept in memory instead of a database
 * @param jdbcUrl JDBC URL of the database, unused with {@code memory}
 * @param jdbcUser database user, or {@code null}
 * @param jdbcPassword database password, or {@code null}
 * @param reopenWindow how long after a resolve a firing event reopens the alert, zero for never
 * @param stopTimeout how long a stop waits for requests in progress
 */
record ReceiverSettings(
    String bindAddress,
    int port,
    List<String> secrets,
    boolean memory,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    Duration reopenWindow,
    Duration stopTimeout) {

  ReceiverSettings {
    Objects.requireNonNull(bindAddress, "bindAddress");
    secrets = List.copyOf(secrets);
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(reopenWindow, "reopenWindow");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
  }

  /** Describes the settings without the secrets and the password. */
  @Override
  public String toString() {
    return "ReceiverSettings[bindAddress=" + bindAddress + ", port=" + port
        + ", secrets=" + secrets.size() + ", memory=" + memory
        + ", jdbcUrl=" + JdbcUrls.redact(jdbcUrl) + ", jdbcUser=" + jdbcUser
        + ", reopenWindow=" + reopenWindow + ", stopTimeout=" + stopTimeout + "]";
  }
}
