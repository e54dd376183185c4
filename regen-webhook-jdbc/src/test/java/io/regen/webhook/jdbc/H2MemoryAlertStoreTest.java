package io.regen.webhook.jdbc;

class H2MemoryAlertStoreTest extends JdbcAlertStoreTest {

  H2MemoryAlertStoreTest() {
    super(TestDatabase.Kind.H2_MEMORY, "rwt_h2m_store_");
  }
}
