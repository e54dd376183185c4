package io.regen.webhook.jdbc;

class PostgreSqlAlertStoreTest extends JdbcAlertStoreTest {

  PostgreSqlAlertStoreTest() {
    super(TestDatabase.Kind.POSTGRESQL, "rwt_pg_store_");
  }
}
