/**
 * Public API of regen-webhook: the framework-neutral {@link io.regen.webhook.WebhookHandler}, its
 * configuration, and the values that describe alerts, incidents and per-alert results.
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise; lookups
 * return {@link java.util.Optional}.
 */
package io.regen.webhook;
