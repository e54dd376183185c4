-- Tables of the regen-webhook JDBC alert store, MariaDB 10.6 or later, InnoDB.
-- ${prefix} is the table prefix the host chose (default "regen_").
-- Instants are DATETIME(6) holding UTC, microsecond precision. Text is utf8mb4 with the
-- utf8mb4_nopad_bin collation: keys compare exactly, case and trailing spaces included. A
-- VARCHAR(255) key takes at most 1,020 bytes, under InnoDB's 3,072-byte index key limit.

CREATE TABLE ${prefix}incident (
  id              VARCHAR(255) NOT NULL,
  group_key       LONGTEXT,
  -- SHA-256 of the group key in lower-case hex, so that a group key of any length is unique
  -- and lockable through a short column. VARCHAR, not CHAR: MariaDB rejects a generated column
  -- over a CHAR column, whose value depends on the PAD_CHAR_TO_FULL_LENGTH mode.
  group_hash      VARCHAR(64),
  state           VARCHAR(32) NOT NULL,
  created_at      DATETIME(6) NOT NULL,
  flagged_at      DATETIME(6),
  resolved_at     DATETIME(6),
  open_group_hash VARCHAR(64) AS (CASE WHEN state <> 'resolved' THEN group_hash END) PERSISTENT,
  PRIMARY KEY (id),
  CONSTRAINT ${prefix}incident_state_ck
    CHECK (state IN ('active', 'resolution_pending', 'resolved'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

-- At most one incident per group that is not closed; NULLs never collide.
CREATE UNIQUE INDEX ${prefix}incident_open_group_uq ON ${prefix}incident (open_group_hash);
CREATE INDEX ${prefix}incident_group_ix ON ${prefix}incident (group_hash);
CREATE INDEX ${prefix}incident_created_ix ON ${prefix}incident (created_at, id);

CREATE TABLE ${prefix}alert (
  id            VARCHAR(255) NOT NULL,
  dedup_key     VARCHAR(255),
  external_id   VARCHAR(255),
  title         TEXT NOT NULL,
  description   MEDIUMTEXT,
  severity      VARCHAR(16) NOT NULL,
  status        VARCHAR(16) NOT NULL,
  source        VARCHAR(255),
  labels        LONGTEXT NOT NULL,
  annotations   LONGTEXT NOT NULL,
  started_at    DATETIME(6) NOT NULL,
  last_event_at DATETIME(6) NOT NULL,
  resolved_at   DATETIME(6),
  event_count   BIGINT NOT NULL,
  reopen_count  INT NOT NULL,
  incident_id   VARCHAR(255) NOT NULL,
  open_key      VARCHAR(255) AS (CASE WHEN status = 'firing' THEN dedup_key END) PERSISTENT,
  PRIMARY KEY (id),
  CONSTRAINT ${prefix}alert_status_ck CHECK (status IN ('firing', 'resolved')),
  CONSTRAINT ${prefix}alert_severity_ck CHECK (severity IN ('critical', 'warning', 'info'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;

-- At most one open alert per dedup key, whatever the number of writers; NULLs never collide.
CREATE UNIQUE INDEX ${prefix}alert_open_key_uq ON ${prefix}alert (open_key);
CREATE INDEX ${prefix}alert_key_resolved_ix ON ${prefix}alert (dedup_key, resolved_at);
CREATE INDEX ${prefix}alert_external_id_ix ON ${prefix}alert (external_id);
CREATE INDEX ${prefix}alert_incident_ix ON ${prefix}alert (incident_id, status);
CREATE INDEX ${prefix}alert_last_event_ix ON ${prefix}alert (last_event_at, id);
CREATE INDEX ${prefix}alert_resolved_ix ON ${prefix}alert (resolved_at);

-- One row per dedup key, locked FOR UPDATE as the key's lock. resolved_at keeps the time of a
-- resolve that matched no open alert (a remembered resolve), NULL when there is none.
CREATE TABLE ${prefix}key_lock (
  dedup_key   VARCHAR(255) NOT NULL,
  resolved_at DATETIME(6),
  PRIMARY KEY (dedup_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;
CREATE INDEX ${prefix}key_lock_resolved_ix ON ${prefix}key_lock (resolved_at);

-- One row per incident group (by the SHA-256 of its key), locked FOR UPDATE as the group's lock.
CREATE TABLE ${prefix}group_lock (
  group_hash VARCHAR(64) NOT NULL,
  PRIMARY KEY (group_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_nopad_bin;
