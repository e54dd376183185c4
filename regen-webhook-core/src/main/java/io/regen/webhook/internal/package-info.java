/**
 * Helpers shared by the packages of regen-webhook-core. Not part of the API: they may change in
 * any release.
 */
package io.regen.webhook.internal;
