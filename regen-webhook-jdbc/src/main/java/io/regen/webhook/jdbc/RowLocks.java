package io.regen.webhook.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Takes the lock rows of many dedup keys or incident groups with a few statements.
 *
 * <p>On PostgreSQL one statement takes them all in key order, inserting the missing rows and
 * locking the others with an update that changes nothing ({@code INSERT ... ON CONFLICT DO
 * UPDATE}). Units of work that lock all their keys with one call, as the lifecycle engine's do,
 * therefore take these locks in one global order and cannot deadlock on them. A row that a purge
 * deletes meanwhile is inserted again by the same statement.
 *
 * <p>On H2 and MariaDB one select locks the rows that exist, in key order; one batch inserts the
 * missing ones, and a second select locks those. Selecting first takes only the exclusive lock when
 * a row exists: on MariaDB a duplicate insert, and an upsert's duplicate check, would take shared
 * or gap locks, and two transactions upgrading shared locks on one row deadlock. A row that another
 * transaction inserts between the first select and the insert is locked after the existing ones,
 * out of the global order, so two units of work with overlapping keys can then deadlock; the
 * database reports it (InnoDB at once) and the store runs the unit of work again. A purge may
 * delete an idle key row between the insert and the second select, so those two repeat until every
 * row is held.
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
    SqlRunner.RowMapper<Map.Entry<String, Optional<Instant>>> mapper =
        row ->
            Map.entry(
                row.getString("dedup_key"),
                Optional.ofNullable(statements.dialect.readInstant(row, "resolved_at")));
    if (statements.dialect == SqlDialect.POSTGRESQL) {
      return upsert(keys, statements.upsertKeyLocks(), mapper);
    }
    return selectInsertSelect(keys, statements::lockKeyRows, statements.insertKeyLock, mapper);
  }

  /** Locks the group lock rows of distinct group hashes. */
  void lockGroups(List<String> hashes) {
    SqlRunner.RowMapper<Map.Entry<String, Optional<Instant>>> mapper =
        row -> Map.entry(row.getString("group_hash"), Optional.empty());
    if (statements.dialect == SqlDialect.POSTGRESQL) {
      upsert(hashes, statements.upsertGroupLocks(), mapper);
    } else {
      selectInsertSelect(hashes, statements::lockGroupRows, statements.insertGroupLock, mapper);
    }
  }

  private Map<String, Optional<Instant>> upsert(
      List<String> values,
      String upsertSql,
      SqlRunner.RowMapper<Map.Entry<String, Optional<Instant>>> mapper) {
    Map<String, Optional<Instant>> locked = new HashMap<>();
    for (Map.Entry<String, Optional<Instant>> row :
        sql.queryList(upsertSql, statement -> statements.bindList(statement, 1, values), mapper)) {
      locked.put(row.getKey(), row.getValue());
    }
    if (locked.size() != values.size()) {
      throw new IllegalStateException(
          "locking " + values.size() + " rows returned " + locked.size() + " of them");
    }
    return locked;
  }

  private Map<String, Optional<Instant>> selectInsertSelect(
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
