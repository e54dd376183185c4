package io.regen.webhook.jdbc;

class MariaDbAlertStoreTest extends JdbcAlertStoreTest {

  MariaDbAlertStoreTest() {
    super(TestDatabase.Kind.MARIADB, "rwt_mdb_store_");
  }
}
