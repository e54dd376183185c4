package io.regen.webhook.benchmarks;

import io.regen.webhook.signature.SignatureVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the request bodies of the load test into a folder: {@code webhook-N.json} with its
 * signature in {@code webhook-N.sig}, and {@code alertmanager-N.json}, for N = 1 and 100.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.regen.webhook.benchmarks.LoadBodies DIR SECRET}.
 */
public final class LoadBodies {

  private LoadBodies() {}

  /** Writes the files. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: LoadBodies DIR SECRET");
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    for (int alerts : new int[] {1, 100}) {
      byte[] body = Payloads.webhookBody(alerts, "load");
      Files.write(dir.resolve("webhook-" + alerts + ".json"), body);
      Files.writeString(
          dir.resolve("webhook-" + alerts + ".sig"),
          SignatureVerifier.sign(args[1], body),
          StandardCharsets.US_ASCII);
      Files.write(
          dir.resolve("alertmanager-" + alerts + ".json"), Payloads.alertmanagerBody(alerts, "load"));
    }
  }
}
