package io.regen.webhook.examples;

import java.util.Locale;
import java.util.regex.Pattern;

/** Helpers for the JDBC URLs of H2, PostgreSQL and MariaDB. */
final class JdbcUrls {

  /** The default database: an H2 file under {@code ./regen-data} in the working directory. */
  static final String DEFAULT_URL = "jdbc:h2:file:./regen-data/regen-webhook";

  /** User name of the default H2 database when none is given. */
  static final String DEFAULT_H2_USER = "sa";

  // A password given as a URL property: ?password=x or &password=x (PostgreSQL, MariaDB),
  // ;PASSWORD=x (H2), and user:password@ before the host (MariaDB).
  private static final Pattern PASSWORD_PROPERTY =
      Pattern.compile("(?i)([?&;](?:password|pwd)=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@?&;]*:)[^/@]*@");

  private JdbcUrls() {}

  /** Returns the URL with every password in it replaced by {@code ***}, for logs and messages. */
  static String redact(String url) {
    String redacted = PASSWORD_PROPERTY.matcher(url).replaceAll("$1***");
    return USER_INFO.matcher(redacted).replaceAll("$1***@");
  }

  /** Returns whether the URL points to an H2 database. */
  static boolean isH2(String url) {
    return url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
  }

  /**
   * Returns the URL with {@code DB_CLOSE_ON_EXIT=FALSE} added to an H2 URL that does not set it,
   * so that H2 does not close the database in its own shutdown hook while the receiver still
   * finishes requests in progress; the receiver closes it after the server stopped.
   */
  static String withoutH2ShutdownHook(String url) {
    if (!isH2(url) || url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
      return url;
    }
    return url + ";DB_CLOSE_ON_EXIT=FALSE";
  }
}
