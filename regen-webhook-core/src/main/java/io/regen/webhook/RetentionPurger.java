package io.regen.webhook;

import io.regen.webhook.spi.AlertStore;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes remembered resolves older than the configured {@code resolveRetention}.
 *
 * <p>The library starts no threads of its own, so a host calls {@link #purgeExpiredResolves} from
 * its scheduler, for example every few minutes. After a resolve is purged, a firing event that
 * started before it is no longer recognised as late. Thread-safe.
 */
public final class RetentionPurger {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionPurger.class);

  private final AlertStore store;
  private final WebhookConfig config;

  /** Creates a purger for the store, with the retention and clock of the configuration. */
  public RetentionPurger(AlertStore store, WebhookConfig config) {
    this.store = Objects.requireNonNull(store, "store");
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Deletes the remembered resolves made before now minus {@code resolveRetention}.
   *
   * @return how many were deleted
   * @throws io.regen.webhook.spi.StoreUnavailableException if the store failed
   */
  public int purgeExpiredResolves() {
    int purged =
        store.purgeRememberedResolves(config.clock().instant().minus(config.resolveRetention()));
    if (purged > 0) {
      LOG.debug("Purged {} remembered resolves older than {}", purged, config.resolveRetention());
    }
    return purged;
  }
}
