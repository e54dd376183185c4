/**
 * HMAC-SHA256 signatures of webhook bodies, carried in the {@code X-Regen-Signature} header.
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise.
 */
package io.regen.webhook.signature;
