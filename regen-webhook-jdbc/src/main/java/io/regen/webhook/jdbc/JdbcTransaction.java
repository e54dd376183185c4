package io.regen.webhook.jdbc;

import io.regen.webhook.Alert;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.Incident;
import io.regen.webhook.IncidentState;
import io.regen.webhook.spi.StoreTransaction;
import java.sql.Connection;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One unit of work on one connection, valid while {@link JdbcAlertStore#inTransaction} runs the
 * work. Locks are rows of the key and group lock tables, locked as {@code FOR UPDATE} would; they
 * are released when the transaction ends.
 *
 * <p>A unit of work costs a few statements, whatever the number of its events, because the
 * lifecycle engine locks all keys and groups up front (see {@link StoreTransaction}):
 *
 * <ul>
 *   <li>{@link #lockKeys} takes the lock rows of all keys with one statement on PostgreSQL, or
 *       three when rows are missing on H2 and MariaDB (see {@link RowLocks}), which also return the
 *       remembered resolves. One select then reads the open and the last resolved alert of every
 *       key. It runs after the locks are granted, so it reads what the previous holders of the
 *       locks committed.
 *   <li>{@link #lockGroups} takes the group lock rows the same way. The first call that needs a
 *       group's incident then locks and reads the incidents that are not closed of all locked
 *       groups with one select, as {@link #findOpenIncidentOfGroup} would one by one; a request
 *       that only updates open alerts reads and locks none.
 *   <li>Reads of locked keys and groups, and of locked incidents, return rows from a {@link
 *       LockedView}, which every write of the unit of work updates.
 *   <li>Writes of the rows under those locks wait in {@link PendingWrites}, and are sent as JDBC
 *       batches before the commit, or before a statement whose result depends on them. Conflicts
 *       that the view can decide, such as a second open alert for a locked key, are raised at the
 *       call, and nothing is written.
 *   <li>{@link #lockIncident} costs one select per incident; later calls return the locked row as
 *       this unit of work changed it. {@link #countOpenAlerts} counts once per locked incident, and
 *       the view adds this unit of work's own writes to that count.
 * </ul>
 *
 * <p>Calls on keys, groups or incidents that this unit of work has not locked go to the database at
 * once, after the waiting writes are sent. So do two kinds of writes that the view cannot vouch
 * for. One is an update of a resolved alert that this unit of work has not written yet (a reopen),
 * because a concurrent purge may delete that row. The other moves a row to another key or group.
 *
 * <p>A waiting write is checked by the database only when it is sent. If it then conflicts with a
 * stored row, which takes an identifier that exists already or a writer that ignores the locks, the
 * call that sent it raises {@link IllegalStateException}, and the unit of work cannot go on: every
 * later call raises the same exception, and the store rolls back.
 */
final class JdbcTransaction implements StoreTransaction {

  private final SqlRunner sql;
  private final Statements statements;
  private final Rows rows;
  private final RowLocks locks;
  private final LockedView view = new LockedView();
  private final PendingWrites pending;
  private final Thread owner = Thread.currentThread();
  private boolean open = true;
  private RuntimeException sendFailure;

  JdbcTransaction(Connection connection, Statements statements, int queryTimeoutSeconds) {
    this.sql = new SqlRunner(connection, queryTimeoutSeconds);
    this.statements = statements;
    this.rows = new Rows(statements.dialect);
    this.locks = new RowLocks(sql, statements);
    this.pending = new PendingWrites(sql, statements, rows);
  }

  /** Makes every later call fail: the unit of work has ended. */
  void close() {
    open = false;
  }

  /**
   * Sends the writes that wait. The store calls this after the work returned, before the commit.
   *
   * @throws IllegalStateException if a write conflicts with a stored row
   * @throws SqlFailure if the database fails otherwise
   */
  void flush() {
    if (sendFailure != null) {
      throw cannotGoOn();
    }
    if (pending.isEmpty()) {
      return;
    }
    try {
      pending.send();
    } catch (RuntimeException e) {
      sendFailure = e;
      throw e;
    }
  }

  @Override
  public void lockKeys(List<String> sortedKeys) {
    checkUsable();
    Set<String> unlocked = new LinkedHashSet<>();
    for (String key : sortedKeys) {
      Rows.checkKey("dedup_key", Objects.requireNonNull(key, "dedup key"));
      if (!view.keys.containsKey(key)) {
        unlocked.add(key);
      }
    }
    if (unlocked.isEmpty()) {
      return;
    }
    flush();
    List<String> keys = new ArrayList<>(unlocked);
    Map<String, Optional<Instant>> remembered = locks.lockKeys(keys);
    for (String key : keys) {
      view.keys.put(key, new LockedView.KeyState(remembered.get(key)));
    }
    for (List<String> chunk : RowLocks.chunks(keys, statements.maxListSize)) {
      List<Alert> alerts =
          sql.queryList(
              statements.selectAlertsOfKeys(chunk.size()),
              statement -> statements.bindAlertsOfKeys(statement, chunk),
              rows::alert);
      alerts.forEach(view::alertLoaded);
    }
  }

  @Override
  public void lockGroups(List<String> sortedGroups) {
    checkUsable();
    // Sorted by hash, the order in which the lock statements lock the rows.
    Map<String, String> groupsByHash = new TreeMap<>();
    for (String group : sortedGroups) {
      if (!view.groups.containsKey(group)) {
        groupsByHash.put(Rows.groupHash(group), group);
      }
    }
    if (groupsByHash.isEmpty()) {
      return;
    }
    flush();
    locks.lockGroups(new ArrayList<>(groupsByHash.keySet()));
    groupsByHash.forEach((hash, group) -> view.groups.put(group, new LockedView.GroupState(hash)));
  }

  /**
   * Returns the state of a locked group, with its incident that is not closed known, or {@code
   * null} when the group is not locked. The first call reads and locks those incidents of all
   * locked groups with one select, so that a request that only updates open alerts locks none.
   */
  private LockedView.GroupState lockedGroup(String group) {
    LockedView.GroupState state = group == null ? null : view.groups.get(group);
    if (state != null && state.openIncidentId == null) {
      loadOpenIncidents();
    }
    return state;
  }

  /**
   * Locks and reads the incidents that are not closed of the locked groups whose incident is not
   * known. Waiting writes are not sent first: an incident that the view follows keeps the version
   * this unit of work gave it, and each group's incident is then taken from those versions.
   */
  private void loadOpenIncidents() {
    Map<String, LockedView.GroupState> unknown = new TreeMap<>();
    view.groups.forEach(
        (group, state) -> {
          if (state.openIncidentId == null) {
            unknown.put(state.hash, state);
            state.openIncidentId = Optional.empty();
          }
        });
    List<String> hashes = new ArrayList<>(unknown.keySet());
    for (List<String> chunk : RowLocks.chunks(hashes, statements.maxListSize)) {
      sql.queryList(
              statements.lockOpenIncidentsOfGroups(chunk.size()),
              statement -> statements.bindList(statement, 1, chunk),
              rows::incident)
          .forEach(view::incidentLocked);
    }
    for (Tracked<Incident> incident : view.incidents.values()) {
      Incident current = incident.current;
      if (current.groupKey() != null
          && current.state() != IncidentState.RESOLVED
          && unknown.containsKey(Rows.groupHash(current.groupKey()))) {
        view.groups.get(current.groupKey()).openIncidentId = Optional.of(current.id());
      }
    }
  }

  @Override
  public Optional<Alert> findOpenAlert(String dedupKey) {
    checkUsable();
    LockedView.KeyState state = view.keys.get(dedupKey);
    if (state != null && state.openAlertId != null) {
      return state.openAlertId.map(view::currentAlert);
    }
    flush();
    Optional<Alert> found =
        sql.queryOne(
            statements.selectOpenAlert, statement -> statement.setString(1, dedupKey), rows::alert);
    if (state == null) {
      return found;
    }
    state.openAlertId = found.map(Alert::id);
    return found.map(view::track);
  }

  @Override
  public Optional<Alert> findLastResolvedAlert(String dedupKey) {
    checkUsable();
    LockedView.KeyState state = view.keys.get(dedupKey);
    if (state != null && state.lastResolvedId != null) {
      return state.lastResolvedId.map(view::currentAlert);
    }
    flush();
    Optional<Alert> found =
        sql.queryOne(
            statements.selectLastResolvedAlert,
            statement -> statement.setString(1, dedupKey),
            rows::alert);
    if (state == null) {
      return found;
    }
    state.lastResolvedId = found.map(Alert::id);
    return found.map(view::track);
  }

  @Override
  public Optional<Instant> findRememberedResolve(String dedupKey) {
    checkUsable();
    LockedView.KeyState state = view.keys.get(dedupKey);
    if (state != null && state.remembered != null) {
      return state.remembered;
    }
    flush();
    Optional<Instant> found =
        sql.queryOne(
                statements.selectRememberedResolve,
                statement -> statement.setString(1, dedupKey),
                row -> Optional.ofNullable(statements.dialect.readInstant(row, "resolved_at")))
            .flatMap(time -> time);
    if (state != null) {
      state.remembered = found;
    }
    return found;
  }

  @Override
  public void rememberResolve(String dedupKey, Instant resolvedAt) {
    checkUsable();
    Objects.requireNonNull(resolvedAt, "resolvedAt");
    String key = Rows.checkKey("dedup_key", dedupKey);
    Instant time = Instants.stored(resolvedAt);
    LockedView.KeyState state = view.keys.get(key);
    if (state != null && state.remembered != null) {
      if (state.remembered.isEmpty() || state.remembered.get().isBefore(time)) {
        state.remembered = Optional.of(time);
        pending.rememberResolve(key, time);
      }
      return;
    }
    flush();
    insertLockRow(statements.insertKeyLock, key);
    sql.update(
        statements.rememberResolve,
        statement -> {
          statements.dialect.bindInstant(statement, 1, time);
          statement.setString(2, key);
          statements.dialect.bindInstant(statement, 3, time);
        });
    if (state != null) {
      state.remembered = null;
    }
  }

  private void insertLockRow(String insertSql, String key) {
    try {
      sql.update(insertSql, statement -> statement.setString(1, key));
    } catch (SqlFailure failure) {
      // H2's MERGE can lose a race with a concurrent insert of the same key; the row exists then.
      if (statements.dialect != SqlDialect.H2
          || !SqlFailures.isUniqueViolation(failure.getCause())) {
        throw failure;
      }
    }
  }

  @Override
  public void insertAlert(Alert alert) {
    checkUsable();
    Alert row = Rows.stored(alert);
    LockedView.KeyState state = row.dedupKey() == null ? null : view.keys.get(row.dedupKey());
    if (row.dedupKey() == null || state != null && state.openAlertId != null) {
      boolean secondOpen = row.isOpen() && state != null && state.openAlertId.isPresent();
      if (secondOpen || view.alerts.containsKey(row.id())) {
        throw conflict("alert " + row.id());
      }
      Tracked<Alert> inserted = Tracked.inserted(row);
      view.alerts.put(row.id(), inserted);
      pending.alert(inserted);
      view.alertWritten(null, true, row);
      return;
    }
    flush();
    int inserted =
        writeUnique(
            "alert " + row.id(),
            statements.insertAlert,
            statement -> {
              statement.setString(1, row.id());
              rows.bindAlertFields(statement, 2, row);
            });
    if (inserted == 0) {
      throw conflict("alert " + row.id());
    }
    if (state != null) {
      view.alerts.put(row.id(), Tracked.written(row));
    }
    view.alertWritten(null, true, row);
  }

  @Override
  public void updateAlert(Alert alert) {
    checkUsable();
    Alert row = Rows.stored(alert);
    String key = row.dedupKey();
    LockedView.KeyState state = key == null ? null : view.keys.get(key);
    Optional<String> open = state == null ? null : state.openAlertId;
    if (row.isOpen() && open != null && open.isPresent() && !open.get().equals(row.id())) {
      throw conflict("alert " + row.id());
    }
    Tracked<Alert> tracked = view.alerts.get(row.id());
    boolean sameKey = tracked != null && Objects.equals(tracked.current.dedupKey(), key);
    boolean openKnown = key == null || open != null;
    if (sameKey && openKnown && !mayBeDeletedByOthers(tracked)) {
      Alert before = tracked.current;
      tracked.current = row;
      tracked.written = true;
      pending.alert(tracked);
      view.alertWritten(before, true, row);
      return;
    }
    flush();
    updateAlertNow(row, key != null && open == null);
    Alert before = tracked == null ? null : tracked.current;
    if (tracked != null && !sameKey) {
      view.forgetKey(before.dedupKey());
      view.alerts.remove(row.id());
    }
    if (view.tracksKey(key)) {
      view.alerts.put(row.id(), Tracked.written(row));
    }
    view.alertWritten(before, tracked != null, row);
  }

  /**
   * Returns whether another transaction may delete the row before this one writes it: a purge
   * deletes resolved alerts without taking their keys' locks.
   */
  private static boolean mayBeDeletedByOthers(Tracked<Alert> alert) {
    return alert.stored != null && alert.stored.status() == AlertStatus.RESOLVED && !alert.written;
  }

  /**
   * Updates the alert at once; {@code mayConflict} when the view does not know whether its key has
   * another open alert, so that reopening it may violate the unique index.
   */
  private void updateAlertNow(Alert row, boolean mayConflict) {
    String description = "alert " + row.id();
    SqlRunner.Binder binder =
        statement -> {
          int next = rows.bindAlertFields(statement, 1, row);
          statement.setString(next, row.id());
        };
    int updated;
    if (mayConflict && row.isOpen() && statements.dialect == SqlDialect.POSTGRESQL) {
      updated = updateInSavepoint(description, binder);
    } else {
      updated = writeUnique(description, statements.updateAlert, binder);
    }
    if (updated == 0) {
      throw new IllegalStateException("no " + description + " to update");
    }
  }

  /**
   * Runs an update that may reopen an alert inside a savepoint, because a unique violation aborts
   * the whole transaction on PostgreSQL; the caller can go on after the exception. Updates that the
   * view proves safe wait in {@link PendingWrites} instead, without a savepoint.
   */
  private int updateInSavepoint(String description, SqlRunner.Binder binder) {
    Savepoint savepoint = sql.savepoint();
    try {
      int updated = writeUnique(description, statements.updateAlert, binder);
      sql.release(savepoint);
      return updated;
    } catch (IllegalStateException conflict) {
      sql.rollbackTo(savepoint);
      throw conflict;
    }
  }

  @Override
  public Optional<Incident> findOpenIncidentOfGroup(String groupKey) {
    checkUsable();
    LockedView.GroupState state = lockedGroup(groupKey);
    if (state != null) {
      return state.openIncidentId.map(view::currentIncident);
    }
    String hash = Rows.groupHash(groupKey);
    flush();
    return sql.queryOne(
            statements.lockOpenIncidentOfGroup,
            statement -> statement.setString(1, hash),
            rows::incident)
        .map(view::incidentLocked);
  }

  @Override
  public void insertIncident(Incident incident) {
    checkUsable();
    Incident row = Rows.stored(incident);
    String group = row.groupKey();
    LockedView.GroupState state = lockedGroup(group);
    if (group == null || state != null) {
      boolean secondOpen =
          row.state() != IncidentState.RESOLVED
              && state != null
              && state.openIncidentId.isPresent();
      if (secondOpen || view.incidents.containsKey(row.id())) {
        throw conflict("incident " + row.id());
      }
      Tracked<Incident> inserted = Tracked.inserted(row);
      view.incidents.put(row.id(), inserted);
      pending.incident(inserted);
      view.incidentWritten(row);
      return;
    }
    flush();
    int inserted =
        writeUnique(
            "incident " + row.id(),
            statements.insertIncident,
            statement -> {
              statement.setString(1, row.id());
              rows.bindIncidentFields(statement, 2, row);
            });
    if (inserted == 0) {
      throw conflict("incident " + row.id());
    }
    view.incidents.put(row.id(), Tracked.written(row));
    view.incidentWritten(row);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The select sends no waiting writes first: they concern other rows, because the incidents
   * this unit of work writes are in the view already, and they wait for no other transaction's
   * locks, so sending them after this lock changes no lock order that matters.
   */
  @Override
  public Incident lockIncident(String incidentId) {
    checkUsable();
    Tracked<Incident> locked = view.incidents.get(incidentId);
    if (locked != null) {
      return locked.current;
    }
    Incident row =
        sql.queryOne(
                statements.lockIncident,
                statement -> statement.setString(1, incidentId),
                rows::incident)
            .orElseThrow(() -> new IllegalStateException("no incident " + incidentId));
    return view.incidentLocked(row);
  }

  @Override
  public void updateIncident(Incident incident) {
    checkUsable();
    Incident row = Rows.stored(incident);
    String group = row.groupKey();
    boolean opens = group != null && row.state() != IncidentState.RESOLVED;
    LockedView.GroupState state = opens ? lockedGroup(group) : view.groups.get(group);
    Optional<String> open = state == null ? null : state.openIncidentId;
    if (opens && open != null && open.isPresent() && !open.get().equals(row.id())) {
      throw conflict("incident " + row.id());
    }
    Tracked<Incident> tracked = view.incidents.get(row.id());
    boolean sameGroup = tracked != null && Objects.equals(tracked.current.groupKey(), group);
    boolean wasOpen = sameGroup && tracked.current.state() != IncidentState.RESOLVED;
    if (sameGroup && (!opens || wasOpen || open != null)) {
      tracked.current = row;
      tracked.written = true;
      pending.incident(tracked);
      view.incidentWritten(row);
      return;
    }
    flush();
    int updated =
        writeUnique(
            "incident " + row.id(),
            statements.updateIncident,
            statement -> {
              int next = rows.bindIncidentFields(statement, 1, row);
              statement.setString(next, row.id());
            });
    if (updated == 0) {
      throw new IllegalStateException("no incident " + row.id() + " to update");
    }
    if (tracked != null && !sameGroup) {
      view.forgetGroup(tracked.current.groupKey());
    }
    view.incidents.put(row.id(), Tracked.written(row));
    view.incidentWritten(row);
  }

  /**
   * {@inheritDoc}
   *
   * <p>For an incident locked by this unit of work, the database counts once, and the view adds
   * this unit of work's writes, the waiting ones at once and later ones as they are made. The sum
   * stays exact while the lock is held, because every writer that changes whether an alert of an
   * incident is open holds the incident's lock from before that change until its commit: the
   * lifecycle engine locks the incident before it opens an alert in it (a new alert joins an
   * incident it found with {@link #findOpenIncidentOfGroup} or inserted, and a reopen calls {@link
   * #lockIncident} first), and after it resolves one, before it commits. Others' changes are
   * therefore committed before this count, or wait for this unit of work to end.
   */
  @Override
  public long countOpenAlerts(String incidentId) {
    checkUsable();
    if (!view.incidents.containsKey(incidentId)) {
      flush();
      return countStoredOpenAlerts(incidentId);
    }
    Long known = view.openAlertCount(incidentId);
    if (known != null) {
      return known;
    }
    long count = countStoredOpenAlerts(incidentId) + pending.openAlertDelta(incidentId);
    view.putOpenAlertCount(incidentId, count);
    return count;
  }

  private long countStoredOpenAlerts(String incidentId) {
    return sql.queryOne(
            statements.countOpenAlerts,
            statement -> statement.setString(1, incidentId),
            row -> row.getLong(1))
        .orElse(0L);
  }

  /**
   * Runs an insert or update and turns a unique-key conflict into {@link IllegalStateException}.
   */
  private int writeUnique(String description, String statementSql, SqlRunner.Binder binder) {
    try {
      return sql.update(statementSql, binder);
    } catch (SqlFailure failure) {
      if (SqlFailures.isUniqueViolation(failure.getCause())) {
        throw conflict(description);
      }
      throw failure;
    }
  }

  private static IllegalStateException conflict(String description) {
    return new IllegalStateException(
        description
            + " conflicts with a stored row: its id exists, or its key or group already has an"
            + " open one");
  }

  private void checkUsable() {
    if (!open) {
      throw new IllegalStateException("the unit of work has ended");
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("a unit of work is usable only on the thread that runs it");
    }
    if (sendFailure != null) {
      throw cannotGoOn();
    }
  }

  private IllegalStateException cannotGoOn() {
    return new IllegalStateException(
        "the unit of work cannot go on after its writes failed: " + sendFailure.getMessage(),
        sendFailure);
  }
}
