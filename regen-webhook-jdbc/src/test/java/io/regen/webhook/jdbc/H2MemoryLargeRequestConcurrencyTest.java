package io.regen.webhook.jdbc;

class H2MemoryLargeRequestConcurrencyTest extends LargeRequestConcurrencyTest {

  H2MemoryLargeRequestConcurrencyTest() {
    super(TestDatabase.Kind.H2_MEMORY, "rwt_h2m_large_");
  }
}
