package io.regen.webhook.jdbc;

class H2MemoryMultiReceiverTest extends MultiReceiverTest {

  H2MemoryMultiReceiverTest() {
    super(TestDatabase.Kind.H2_MEMORY, "rwt_h2m_multi_");
  }
}
