package io.regen.webhook.jdbc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The database that a jqwik test class uses; the class is skipped when that database cannot be
 * reached, unless databases are required (see {@link TestDatabase#open}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@AddLifecycleHook(SkipUnreachableDatabase.class)
@interface DatabaseKind {

  /** Returns the database. */
  TestDatabase.Kind value();
}
