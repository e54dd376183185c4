package io.regen.webhook.jdbc;

class PostgreSqlLargeRequestConcurrencyTest extends LargeRequestConcurrencyTest {

  PostgreSqlLargeRequestConcurrencyTest() {
    super(TestDatabase.Kind.POSTGRESQL, "rwt_pg_large_");
  }
}
