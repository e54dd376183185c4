package io.regen.webhook.spi;

/**
 * Work that runs inside one unit of work of an {@link AlertStore}.
 *
 * <p>A store may run the work more than once when its backend reports a deadlock or a
 * serialization failure. The work must therefore have no effect outside the transaction it is
 * given, and only the result of the attempt that committed counts.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface TransactionWork<T> {

  /** Runs the work; an exception rolls the unit of work back and propagates to the caller. */
  T run(StoreTransaction transaction);
}
