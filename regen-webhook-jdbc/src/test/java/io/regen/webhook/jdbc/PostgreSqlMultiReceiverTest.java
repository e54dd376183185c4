package io.regen.webhook.jdbc;

class PostgreSqlMultiReceiverTest extends MultiReceiverTest {

  PostgreSqlMultiReceiverTest() {
    super(TestDatabase.Kind.POSTGRESQL, "rwt_pg_multi_");
  }
}
