package io.regen.webhook.jdbc;

import java.util.Optional;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips a jqwik test class annotated with {@link DatabaseKind} when its database cannot be reached.
 * jqwik reports an aborted assumption in a container hook as an error, so the check runs here,
 * before the container starts. When databases are required nothing is skipped, and the class's own
 * set-up fails with the reason.
 */
public final class SkipUnreachableDatabase implements SkipExecutionHook {

  /** Creates the hook; jqwik calls this. */
  public SkipUnreachableDatabase() {}

  @Override
  public SkipResult shouldBeSkipped(LifecycleContext context) {
    Optional<DatabaseKind> kind = context.findAnnotation(DatabaseKind.class);
    if (kind.isEmpty() || TestDatabase.required()) {
      return SkipResult.doNotSkip();
    }
    return TestDatabase.unreachableReason(kind.get().value())
        .map(reason -> SkipResult.skip(reason + "; set REGEN_DB_REQUIRED=true to fail instead"))
        .orElse(SkipResult.doNotSkip());
  }
}
