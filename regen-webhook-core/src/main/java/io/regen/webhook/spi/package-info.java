/**
 * Contracts that stores, notifiers and incident linkers implement.
 *
 * <p>The lifecycle rules live in the engine, once; an {@link io.regen.webhook.spi.AlertStore}
 * only provides atomic units of work, per-key locks and the few reads and writes the engine needs.
 * The store contract kit in this module's test artifact checks an implementation against those
 * rules.
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise.
 */
package io.regen.webhook.spi;
