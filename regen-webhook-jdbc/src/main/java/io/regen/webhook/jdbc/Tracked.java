package io.regen.webhook.jdbc;

/**
 * A row that one unit of work has locked or written: the version stored in the database and the
 * version that the unit of work reads, which differ while a write of the row waits to be sent.
 *
 * @param <T> {@link io.regen.webhook.Alert} or {@link io.regen.webhook.Incident}
 */
final class Tracked<T> {

  /** The row as the database stores it, or {@code null} while its insert waits to be sent. */
  T stored;

  /** The row as the unit of work reads it, its own writes included. */
  T current;

  /**
   * Whether this unit of work has written the row, so that no other transaction can delete it
   * before the commit: an insert is invisible to others, and an update holds the row's lock.
   */
  boolean written;

  private Tracked(T stored, T current, boolean written) {
    this.stored = stored;
    this.current = current;
    this.written = written;
  }

  /** Returns a row read from the database. */
  static <T> Tracked<T> read(T row) {
    return new Tracked<>(row, row, false);
  }

  /** Returns a row that this unit of work has just written to the database. */
  static <T> Tracked<T> written(T row) {
    return new Tracked<>(row, row, true);
  }

  /** Returns a row whose insert waits to be sent. */
  static <T> Tracked<T> inserted(T row) {
    return new Tracked<>(null, row, true);
  }

  /** Records that the database now stores the current version. */
  void sent() {
    stored = current;
  }
}
