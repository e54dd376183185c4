package io.regen.webhook.jdbc;

class H2MemoryStatementCountTest extends StatementCountTest {

  H2MemoryStatementCountTest() {
    super(TestDatabase.Kind.H2_MEMORY, "rwt_h2m_count_");
  }
}
