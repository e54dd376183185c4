package io.regen.webhook.memory;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs test classes on deliberately broken stores through the JUnit Platform launcher, and skips
 * them anywhere else, such as when a {@code -Dtest} pattern of the build happens to match them.
 */
final class LauncherOnly {

  /** System property that is {@code true} only while {@link #execute} runs. */
  static final String PROPERTY = "regen.test.broken-store-run";

  private LauncherOnly() {}

  /** Executes the request with the property set, so that the selected classes run. */
  static void execute(LauncherDiscoveryRequest request, TestExecutionListener listener) {
    System.setProperty(PROPERTY, "true");
    try {
      LauncherFactory.create().execute(request, listener);
    } finally {
      System.clearProperty(PROPERTY);
    }
  }

  /** A jqwik hook that skips a container unless {@link #execute} runs it. */
  static final class SkipOutsideLauncher implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      return Boolean.getBoolean(PROPERTY)
          ? SkipResult.doNotSkip()
          : SkipResult.skip("runs only inside a test that expects it to fail");
    }
  }
}
