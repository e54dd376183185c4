package io.regen.webhook.jdbc;

class MariaDbConnectionLossTest extends ConnectionLossTest {

  MariaDbConnectionLossTest() {
    super(TestDatabase.Kind.MARIADB, "rwt_mdb_loss_", "SELECT CONNECTION_ID()");
  }

  @Override
  String killStatement(long backendId) {
    return "KILL CONNECTION " + backendId;
  }
}
