package io.regen.webhook.jdbc;

class H2FileAlertStoreTest extends JdbcAlertStoreTest {

  H2FileAlertStoreTest() {
    super(TestDatabase.Kind.H2_FILE, "rwt_h2f_store_");
  }
}
