package io.regen.webhook.examples;

import io.regen.webhook.WebhookHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up lines of the receiver: where it listens, which store it uses, whether requests
 * must be signed, and a curl command that posts a sample alert. Never prints a secret or a
 * password.
 */
final class StartupBanner {

  private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);

  private static final String SAMPLE_ALERT =
      "{\"alerts\":[{\"title\":\"Disk usage above 90%\",\"severity\":\"warning\","
          + "\"external_id\":\"disk-usage-web-1\",\"source\":\"curl\","
          + "\"labels\":{\"service\":\"web\",\"environment\":\"test\"}}]}";

  private StartupBanner() {}

  /** Logs the start-up lines for a receiver that listens on this port. */
  static void log(ReceiverSettings settings, Storage storage, int port) {
    String webhookUrl = "http://" + clientHost(settings.bindAddress()) + ":" + port
        + WebhookHandler.WEBHOOK_PATH;
    LOG.info(
        "Listening on http://{}:{}{}",
        hostForUrl(settings.bindAddress()),
        port,
        isWildcard(settings.bindAddress()) ? " (every network interface)" : "");
    LOG.info("Webhook: POST {}", webhookUrl);
    LOG.info("Store: {}", storage.description());
    int secrets = settings.secrets().size();
    if (secrets == 0) {
      LOG.info("Signatures: not required; unsigned requests are accepted (set --secret to"
          + " require them)");
    } else {
      String noun = secrets == 1 ? "secret" : "secrets";
      LOG.info("Signatures: required; {} {} accepted", secrets, noun);
    }
    if (secrets == 0) {
      LOG.info("Post a sample alert with:\n{}", curlCommand(webhookUrl, false));
    } else {
      LOG.info(
          "Post a sample alert, signed with the secret in the shell variable"
              + " REGEN_WEBHOOK_SECRET, with:\n{}",
          curlCommand(webhookUrl, true));
    }
  }

  /**
   * Returns a shell command that posts the sample alert; with signing on, it computes the
   * signature with openssl from the secret in the shell variable {@code REGEN_WEBHOOK_SECRET}.
   */
  static String curlCommand(String webhookUrl, boolean signed) {
    String body = "'" + SAMPLE_ALERT + "'";
    if (!signed) {
      return "curl -i " + webhookUrl + " -H 'Content-Type: application/json' --data-binary "
          + body;
    }
    return "body=" + body + "; curl -i " + webhookUrl
        + " -H 'Content-Type: application/json'"
        + " -H \"X-Regen-Signature: sha256=$(printf '%s' \"$body\""
        + " | openssl dgst -sha256 -hmac \"$REGEN_WEBHOOK_SECRET\" -r | cut -d' ' -f1)\""
        + " --data-binary \"$body\"";
  }

  private static boolean isWildcard(String address) {
    return address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]");
  }

  private static String clientHost(String bindAddress) {
    return isWildcard(bindAddress) ? "127.0.0.1" : hostForUrl(bindAddress);
  }

  private static String hostForUrl(String address) {
    return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
  }
}
