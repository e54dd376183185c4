package io.regen.webhook.jdbc;

class MariaDbLargeRequestConcurrencyTest extends LargeRequestConcurrencyTest {

  MariaDbLargeRequestConcurrencyTest() {
    super(TestDatabase.Kind.MARIADB, "rwt_mdb_large_");
  }
}
