package io.regen.webhook.jdbc;

import java.sql.SQLException;

/**
 * One test database with the store's tables under a prefix of their own, created anew when the
 * fixture opens, and empty stores on them for the store contract kit.
 */
final class StoreFixture implements AutoCloseable {

  private final TestDatabase database;
  private final String prefix;

  private StoreFixture(TestDatabase database, String prefix) {
    this.database = database;
    this.prefix = prefix;
  }

  /**
   * Opens the database (or skips the calling tests, see {@link TestDatabase#open}) and creates the
   * tables with this prefix.
   */
  static StoreFixture open(TestDatabase.Kind kind, String prefix) {
    TestDatabase database = TestDatabase.open(kind);
    try {
      database.recreateTables(prefix);
    } catch (SQLException e) {
      database.close();
      throw new IllegalStateException("could not create the tables with prefix " + prefix, e);
    }
    return new StoreFixture(database, prefix);
  }

  TestDatabase database() {
    return database;
  }

  String prefix() {
    return prefix;
  }

  /** Deletes every row of the fixture's tables and returns a store on them. */
  JdbcAlertStore freshStore() {
    try {
      database.deleteRows(prefix);
    } catch (SQLException e) {
      throw new IllegalStateException("could not empty the tables with prefix " + prefix, e);
    }
    return database.store(prefix);
  }

  @Override
  public void close() {
    database.close();
  }
}
