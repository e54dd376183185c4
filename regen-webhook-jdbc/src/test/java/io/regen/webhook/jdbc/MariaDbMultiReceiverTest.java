package io.regen.webhook.jdbc;

class MariaDbMultiReceiverTest extends MultiReceiverTest {

  MariaDbMultiReceiverTest() {
    super(TestDatabase.Kind.MARIADB, "rwt_mdb_multi_");
  }
}
