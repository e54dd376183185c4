/**
 * An {@link io.regen.webhook.spi.AlertStore} on plain JDBC for H2, PostgreSQL and MariaDB: {@link
 * io.regen.webhook.jdbc.JdbcAlertStore} and the migration scripts that {@link
 * io.regen.webhook.jdbc.JdbcSchema} applies.
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise.
 */
package io.regen.webhook.jdbc;
