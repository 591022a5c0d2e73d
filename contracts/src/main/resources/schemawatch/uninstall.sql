-- Removes the schemawatch capture objects from this database (run as a superuser:
-- psql -v ON_ERROR_STOP=1 --single-transaction -f uninstall.sql). Safe to run when they are
-- partly or not at all installed.
--
-- Not removed here: the monitor's logical replication slot. Stop schema-monitor for this database
-- first, then drop the slot, or it keeps WAL on the server for ever:
--   SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
--   WHERE slot_name = 'schemawatch_<name>' AND NOT active;
-- (schemawatch_<name> is the default; the monitor's slot-name setting overrides it.)
-- Not removed either: roles created for the monitor (see docs/installation.md).

-- The event triggers first, so that no DDL is captured into a half-removed schema.
DROP EVENT TRIGGER IF EXISTS schemawatch_ddl_command_end;
DROP EVENT TRIGGER IF EXISTS schemawatch_sql_drop;
DROP EVENT TRIGGER IF EXISTS schemawatch_ddl_command_start;

DROP PUBLICATION IF EXISTS schemawatch_ddl;

-- ddl_log, heartbeat, installation, pending and the functions.
DROP SCHEMA IF EXISTS schemawatch CASCADE;
