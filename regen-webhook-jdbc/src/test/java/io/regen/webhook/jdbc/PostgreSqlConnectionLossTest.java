package io.regen.webhook.jdbc;

class PostgreSqlConnectionLossTest extends ConnectionLossTest {

  PostgreSqlConnectionLossTest() {
    super(TestDatabase.Kind.POSTGRESQL, "rwt_pg_loss_", "SELECT pg_backend_pid()");
  }

  /** Terminates the backend and waits up to 5 seconds until it has exited. */
  @Override
  String killStatement(long backendId) {
    return "SELECT pg_terminate_backend(" + backendId + ", 5000)";
  }
}
