package io.regen.webhook.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Takes the lock rows of many dedup keys or incident groups with a few statements: one select
 * locks the rows that exist, one batch inserts the missing ones, and a second select locks those.
 *
 * <p>Selecting first takes only the exclusive lock when a row exists: on MariaDB a duplicate insert
 * would take a shared lock first, and two transactions upgrading shared locks on one row deadlock.
 * Each select locks its rows in the order of the lock table's primary key, so two units of work
 * that find the same rows lock them in the same order. A row that another transaction inserts
 * between this select and the insert is locked after the existing ones, out of that order; the
 * database may then report a deadlock, which the store retries. A purge may delete an idle key row
 * between the insert and the second select, so those two repeat until every row is held.
 */
final class RowLocks {

  /** Bound on re-inserting lock rows that a concurrent purge deleted before they were locked. */
  private static final int MAX_ATTEMPTS = 10;

  private final SqlRunner sql;
  private final Statements statements;

  RowLocks(SqlRunner sql, Statements statements) {
    this.sql = sql;
    this.statements = statements;
  }

  /**
   * Locks the key lock rows of distinct keys and returns each key's remembered resolve, read with
   * the lock.
   */
  Map<String, Optional<Instant>> lockKeys(List<String> keys) {
    return lock(
        keys,
        statements::lockKeyRows,
        statements.insertKeyLock,
        row ->
            Map.entry(
                row.getString("dedup_key"),
                Optional.ofNullable(statements.dialect.readInstant(row, "resolved_at"))));
  }

  /** Locks the group lock rows of distinct group hashes. */
  void lockGroups(List<String> hashes) {
    lock(
        hashes,
        statements::lockGroupRows,
        statements.insertGroupLock,
        row -> Map.entry(row.getString("group_hash"), Optional.empty()));
  }

  private Map<String, Optional<Instant>> lock(
      List<String> values,
      IntFunction<String> lockSql,
      String insertSql,
      SqlRunner.RowMapper<Map.Entry<String, Optional<Instant>>> mapper) {
    Map<String, Optional<Instant>> locked = new HashMap<>();
    selectForUpdate(values, lockSql, mapper, locked);
    List<String> missing = missing(values, locked);
    for (int attempt = 1; !missing.isEmpty(); attempt++) {
      if (attempt > MAX_ATTEMPTS) {
        throw new IllegalStateException(
            missing.size()
                + " lock rows, such as '"
                + missing.get(0)
                + "', kept disappearing after "
                + MAX_ATTEMPTS
                + " tries");
      }
      insertIfAbsent(insertSql, missing);
      selectForUpdate(missing, lockSql, mapper, locked);
      missing = missing(missing, locked);
    }
    return locked;
  }

  private void selectForUpdate(
      List<String> values,
      IntFunction<String> lockSql,
      SqlRunner.RowMapper<Map.Entry<String, Optional<Instant>>> mapper,
      Map<String, Optional<Instant>> locked) {
    for (List<String> chunk : chunks(values, statements.maxListSize)) {
      List<Map.Entry<String, Optional<Instant>>> rows =
          sql.queryList(
              lockSql.apply(chunk.size()),
              statement -> statements.bindList(statement, 1, chunk),
              mapper);
      for (Map.Entry<String, Optional<Instant>> row : rows) {
        locked.put(row.getKey(), row.getValue());
      }
    }
  }

  private void insertIfAbsent(String insertSql, List<String> values) {
    try {
      sql.batch(insertSql, values, (statement, value) -> statement.setString(1, value));
    } catch (SqlFailure failure) {
      // H2's MERGE can lose a race with a concurrent insert of the same key; the row exists then,
      // and the select that follows locks it.
      if (statements.dialect != SqlDialect.H2
          || !SqlFailures.isUniqueViolation(failure.getCause())) {
        throw failure;
      }
    }
  }

  private static List<String> missing(List<String> values, Map<String, ?> locked) {
    List<String> missing = new ArrayList<>();
    for (String value : values) {
      if (!locked.containsKey(value)) {
        missing.add(value);
      }
    }
    return missing;
  }

  /** Splits a list into consecutive parts of at most {@code size} values. */
  static <T> List<List<T>> chunks(List<T> values, int size) {
    if (values.size() <= size) {
      return List.of(values);
    }
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < values.size(); from += size) {
      chunks.add(values.subList(from, Math.min(values.size(), from + size)));
    }
    return chunks;
  }
}
