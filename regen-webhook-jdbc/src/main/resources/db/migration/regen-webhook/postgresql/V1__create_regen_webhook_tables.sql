-- Tables of the regen-webhook JDBC alert store, PostgreSQL 12 or later.
-- ${prefix} is the table prefix the host chose (default "regen_").
-- Instants are TIMESTAMP WITH TIME ZONE with microsecond precision.
-- Identifiers use the "C" collation so that they sort as Java compares ASCII strings.

CREATE TABLE ${prefix}incident (
  id          VARCHAR(255) COLLATE "C" NOT NULL,
  group_key   TEXT,
  -- SHA-256 of the group key in lower-case hex, so that a group key of any length is unique
  -- and lockable through a short column.
  group_hash  CHAR(64) COLLATE "C",
  state       VARCHAR(32) NOT NULL,
  created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  flagged_at  TIMESTAMP(6) WITH TIME ZONE,
  resolved_at TIMESTAMP(6) WITH TIME ZONE,
  CONSTRAINT ${prefix}incident_pk PRIMARY KEY (id),
  CONSTRAINT ${prefix}incident_state_ck
    CHECK (state IN ('active', 'resolution_pending', 'resolved'))
);

-- At most one incident per group that is not closed.
CREATE UNIQUE INDEX ${prefix}incident_open_group_uq
  ON ${prefix}incident (group_hash) WHERE state <> 'resolved';
CREATE INDEX ${prefix}incident_created_ix ON ${prefix}incident (created_at, id);

CREATE TABLE ${prefix}alert (
  id            VARCHAR(255) COLLATE "C" NOT NULL,
  dedup_key     VARCHAR(255),
  external_id   VARCHAR(255),
  title         TEXT NOT NULL,
  description   TEXT,
  severity      VARCHAR(16) NOT NULL,
  status        VARCHAR(16) NOT NULL,
  source        VARCHAR(255),
  labels        TEXT NOT NULL,
  annotations   TEXT NOT NULL,
  started_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  last_event_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  resolved_at   TIMESTAMP(6) WITH TIME ZONE,
  event_count   BIGINT NOT NULL,
  reopen_count  INTEGER NOT NULL,
  incident_id   VARCHAR(255) COLLATE "C" NOT NULL,
  CONSTRAINT ${prefix}alert_pk PRIMARY KEY (id),
  CONSTRAINT ${prefix}alert_status_ck CHECK (status IN ('firing', 'resolved')),
  CONSTRAINT ${prefix}alert_severity_ck CHECK (severity IN ('critical', 'warning', 'info'))
);

-- At most one open alert per dedup key, whatever the number of writers.
CREATE UNIQUE INDEX ${prefix}alert_open_key_uq
  ON ${prefix}alert (dedup_key) WHERE status = 'firing';
CREATE INDEX ${prefix}alert_key_resolved_ix ON ${prefix}alert (dedup_key, resolved_at);
CREATE INDEX ${prefix}alert_external_id_ix ON ${prefix}alert (external_id);
CREATE INDEX ${prefix}alert_incident_ix ON ${prefix}alert (incident_id, status);
CREATE INDEX ${prefix}alert_last_event_ix ON ${prefix}alert (last_event_at, id);
CREATE INDEX ${prefix}alert_resolved_ix ON ${prefix}alert (resolved_at);

-- One row per dedup key, locked FOR UPDATE as the key's lock. resolved_at keeps the time of a
-- resolve that matched no open alert (a remembered resolve), NULL when there is none.
CREATE TABLE ${prefix}key_lock (
  dedup_key   VARCHAR(255) NOT NULL,
  resolved_at TIMESTAMP(6) WITH TIME ZONE,
  CONSTRAINT ${prefix}key_lock_pk PRIMARY KEY (dedup_key)
);
CREATE INDEX ${prefix}key_lock_resolved_ix ON ${prefix}key_lock (resolved_at);

-- One row per incident group (by the SHA-256 of its key), locked FOR UPDATE as the group's lock.
CREATE TABLE ${prefix}group_lock (
  group_hash CHAR(64) COLLATE "C" NOT NULL,
  CONSTRAINT ${prefix}group_lock_pk PRIMARY KEY (group_hash)
);
