package io.regen.webhook;

import java.util.List;

/**
 * Reaches the package-private response writer, so that the benchmarks can time it on its own. It
 * lives in the library's package only for that reason and adds no behaviour.
 */
public final class ResponseSteps {

  private ResponseSteps() {}

  /** Writes the 202 body that lists these results. */
  public static WebhookResponse accepted(List<EventResult> results) {
    return Responses.results(202, results);
  }
}
