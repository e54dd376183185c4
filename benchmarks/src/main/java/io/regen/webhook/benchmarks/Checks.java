package io.regen.webhook.benchmarks;

/** Guards that keep a benchmark from measuring a rejected request by mistake. */
final class Checks {

  private Checks() {}

  /** Returns the status, or throws when it differs from the expected one. */
  static int status(int actual, int expected) {
    if (actual != expected) {
      throw new IllegalStateException("expected status " + expected + " but got " + actual);
    }
    return actual;
  }

  /** Returns the value, or throws when the status differs from the expected one. */
  static <T> T status(int actual, int expected, T value) {
    status(actual, expected);
    return value;
  }
}
