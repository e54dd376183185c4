/**
 * The alert lifecycle: the {@link io.regen.webhook.lifecycle.LifecycleEngine} that applies events
 * to a store, and the default {@link io.regen.webhook.lifecycle.LabelIncidentLinker}.
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise.
 */
package io.regen.webhook.lifecycle;
