package io.regen.webhook.jdbc;

class PostgreSqlStatementCountTest extends StatementCountTest {

  PostgreSqlStatementCountTest() {
    super(TestDatabase.Kind.POSTGRESQL, "rwt_pg_count_");
  }
}
