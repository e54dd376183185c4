package io.regen.webhook.jdbc;

class MariaDbStatementCountTest extends StatementCountTest {

  MariaDbStatementCountTest() {
    super(TestDatabase.Kind.MARIADB, "rwt_mdb_count_");
  }
}
