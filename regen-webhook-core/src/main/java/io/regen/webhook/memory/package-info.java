/**
 * The in-memory {@link io.regen.webhook.spi.AlertStore}, for tests, examples and small hosts.
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise.
 */
package io.regen.webhook.memory;
