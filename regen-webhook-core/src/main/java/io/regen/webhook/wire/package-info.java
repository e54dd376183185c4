/**
 * The wire side of the webhook: bounded body reading, strict JSON parsing, the JSON Schema and the
 * binding of each alert to an {@link io.regen.webhook.AlertEvent}.
 *
 * <p>These types serve {@link io.regen.webhook.WebhookHandler}; they are public only because the
 * handler lives in another package, and may change between releases. Parameters and return values
 * are non-null unless their documentation says otherwise.
 */
package io.regen.webhook.wire;
