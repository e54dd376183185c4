package io.regen.webhook.benchmarks;

/**
 * Signed bodies that a benchmark sends in turn. With new keys, every body of the pool carries its
 * own external_ids, and {@link #next()} reports when the pool starts over so that the caller can
 * empty its store: until then, every alert it receives has a key it has not seen. With existing
 * keys, the pool holds one body, sent again and again. Not thread-safe.
 */
final class BodyPool {

  /** Alerts per round of new keys: about 15 MB of bodies, and as many alerts in the store. */
  private static final int ALERTS_PER_ROUND = 32_768;

  private final SignedBody[] bodies;
  private int next;

  private BodyPool(SignedBody[] bodies) {
    this.bodies = bodies;
  }

  /**
   * Creates a pool.
   *
   * @param alerts alerts per body
   * @param newKeys whether every body has keys of its own, or one body is sent repeatedly
   * @param secret the signing secret
   */
  static BodyPool create(int alerts, boolean newKeys, String secret) {
    int size = newKeys ? Math.max(1, ALERTS_PER_ROUND / alerts) : 1;
    SignedBody[] bodies = new SignedBody[size];
    for (int i = 0; i < size; i++) {
      bodies[i] = SignedBody.sign(Payloads.webhookBody(alerts, "key-" + i), secret);
    }
    return new BodyPool(bodies);
  }

  /** Returns whether the next call to {@link #next()} starts the pool over. */
  boolean atStart() {
    return next == 0;
  }

  /** Returns the next body. */
  SignedBody next() {
    SignedBody body = bodies[next];
    next = next + 1 == bodies.length ? 0 : next + 1;
    return body;
  }
}
