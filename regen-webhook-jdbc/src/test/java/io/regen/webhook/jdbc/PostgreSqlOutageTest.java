package io.regen.webhook.jdbc;

class PostgreSqlOutageTest extends DatabaseOutageTest {

  PostgreSqlOutageTest() {
    super(
        TestDatabase.Kind.POSTGRESQL,
        "rwt_pg_outage_",
        "jdbc:postgresql://127.0.0.1:%d/test?connectTimeout=2&socketTimeout=10",
        5432,
        "postgres");
  }
}
