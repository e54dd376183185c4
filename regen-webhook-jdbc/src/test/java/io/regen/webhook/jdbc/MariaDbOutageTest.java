package io.regen.webhook.jdbc;

class MariaDbOutageTest extends DatabaseOutageTest {

  MariaDbOutageTest() {
    super(
        TestDatabase.Kind.MARIADB,
        "rwt_mdb_outage_",
        "jdbc:mariadb://127.0.0.1:%d/test?connectTimeout=2000&socketTimeout=10000",
        3306,
        "root");
  }
}
