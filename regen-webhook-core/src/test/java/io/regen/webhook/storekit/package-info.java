/**
 * Store contract kit: tests that every {@link io.regen.webhook.spi.AlertStore} implementation runs,
 * published in the {@code regen-webhook-core} test-jar.
 *
 * <p>A store for another database plugs in by extending three abstract classes, each with a {@code
 * createStore()} that returns a new, empty store and an optional {@code releaseStore(store)} that
 * closes it:
 *
 * <ul>
 *   <li>{@link io.regen.webhook.storekit.AlertStoreContract}: one JUnit example per lifecycle rule,
 *       driven through the lifecycle engine with fixed times of receipt;
 *   <li>{@link io.regen.webhook.storekit.AlertStoreProperties}: jqwik properties that compare the
 *       store and engine with the {@link io.regen.webhook.storekit.ReferenceModel} on random
 *       histories (200 tries each by default, lowered with {@code @PropertyDefaults(tries = n)} on
 *       the subclass);
 *   <li>{@link io.regen.webhook.storekit.AlertStoreConcurrencyContract}: real threads racing on
 *       shared keys and incidents, then invariant checks.
 * </ul>
 *
 * <p>The test module needs the test-jar, JUnit Jupiter, AssertJ and jqwik on its test classpath:
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>io.regen.webhook</groupId>
 *   <artifactId>regen-webhook-core</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 *
 * <p>{@link io.regen.webhook.storekit.ScenarioRun} runs one generated history against a store and
 * the model and lists the differences, for a test that wants to drive the comparison itself. {@link
 * io.regen.webhook.storekit.ForwardingAlertStore} and {@link
 * io.regen.webhook.storekit.ForwardingStoreTransaction} wrap a store to inject failures.
 */
package io.regen.webhook.storekit;
