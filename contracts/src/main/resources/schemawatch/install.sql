-- schemawatch capture objects, version 1 (PostgreSQL 13 or later).
--
-- Run by a superuser in every monitored database: by schema-monitor at start
-- (schemawatch.monitor.install-objects=true, one JDBC Statement.execute of this whole file) or by
-- hand (psql -v ON_ERROR_STOP=1 --single-transaction -f install.sql). See docs/installation.md.
--
-- Idempotent: running it again replaces the functions and event triggers and changes nothing else.
-- Versioned: schemawatch.installation records every version installed; a later script upgrades the
-- objects in place, and this script refuses to run over a newer installation.
--
-- What it installs:
--   schema schemawatch (no access for PUBLIC), with
--     ddl_log       one row per captured DDL statement, written inside the statement's transaction
--     heartbeat     upserted by the monitor so its replication slot advances when no DDL happens
--     installation  installed versions
--     pending       private per-statement scratch space of the event triggers (unlogged)
--     relation_definition(oid), type_definition(oid), catalog_definitions()
--     on_ddl_command_start(), on_sql_drop(), on_ddl_command_end()  (event trigger functions)
--   publication schemawatch_ddl (ddl_log and heartbeat; inserts and updates only)
--   event triggers schemawatch_ddl_command_start, schemawatch_sql_drop, schemawatch_ddl_command_end
--
-- Security: every function pins search_path to pg_catalog, pg_temp, so catalog names inside the
-- bodies cannot be shadowed, and names the schemawatch objects by their schema. The trigger
-- functions are SECURITY DEFINER (event trigger functions run as the user who issued the DDL, who
-- has no access to schemawatch). What a statement dropped is handed from the sql_drop trigger to
-- the ddl_command_end trigger through a table PUBLIC cannot touch, not through a setting any
-- session could forge; a statement's position in its transaction is counted from ddl_log itself.
--
-- For psql, stop at the first error (-v ON_ERROR_STOP=1) and run it as one transaction
-- (--single-transaction): otherwise a refused precondition would not stop the statements after it,
-- and DDL run in the moment between dropping and re-creating the event triggers would be missed.
-- Through JDBC the whole file is one implicit transaction.

-- Statements outside function bodies resolve names through this transaction-local search_path.
DO $schemawatch$
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
END
$schemawatch$;

-- Preconditions: server version, superuser, no downgrade, and no schemawatch objects that a
-- non-superuser could have planted (the trigger functions run as the installing superuser).
DO $schemawatch$
DECLARE
    script_version CONSTANT pg_catalog.int4 := 1;
    installed pg_catalog.int4;
    planted pg_catalog.text;
BEGIN
    IF pg_catalog.current_setting('server_version_num')::pg_catalog.int4 < 130000 THEN
        RAISE EXCEPTION 'schemawatch needs PostgreSQL 13 or later; this server is %',
            pg_catalog.current_setting('server_version');
    END IF;
    IF NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) current_user) THEN
        RAISE EXCEPTION 'schemawatch install.sql must be run by a superuser (event triggers need one); % is not', current_user;
    END IF;
    IF pg_catalog.to_regclass('schemawatch.installation') IS NOT NULL THEN
        EXECUTE 'SELECT pg_catalog.max(version) FROM schemawatch.installation' INTO installed;
        IF installed OPERATOR(pg_catalog.>) script_version THEN
            RAISE EXCEPTION 'schemawatch version % is installed in this database; this script is version % and does not downgrade (run uninstall.sql first)',
                installed, script_version;
        END IF;
    END IF;
    SELECT pg_catalog.string_agg(o.what, ', ') INTO planted
    FROM (
        SELECT 'schema schemawatch' AS what, n.nspowner AS owner
        FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) 'schemawatch'
        UNION ALL
        SELECT 'relation ' OPERATOR(pg_catalog.||) c.relname, c.relowner
        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
        WHERE n.nspname OPERATOR(pg_catalog.=) 'schemawatch'
        UNION ALL
        SELECT 'function ' OPERATOR(pg_catalog.||) p.proname, p.proowner
        FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) p.pronamespace
        WHERE n.nspname OPERATOR(pg_catalog.=) 'schemawatch'
        UNION ALL
        SELECT 'type ' OPERATOR(pg_catalog.||) t.typname, t.typowner
        FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) t.typnamespace
        WHERE n.nspname OPERATOR(pg_catalog.=) 'schemawatch'
    ) o
    JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) o.owner
    WHERE NOT r.rolsuper;
    IF planted IS NOT NULL THEN
        RAISE EXCEPTION 'schemawatch objects owned by a non-superuser exist (%); refusing to install over them. Inspect and drop them first.', planted;
    END IF;
END
$schemawatch$;

-- The triggers go first, so that nothing below is captured; they are created again at the end.
DROP EVENT TRIGGER IF EXISTS schemawatch_ddl_command_end;
DROP EVENT TRIGGER IF EXISTS schemawatch_sql_drop;
DROP EVENT TRIGGER IF EXISTS schemawatch_ddl_command_start;

CREATE SCHEMA IF NOT EXISTS schemawatch;
REVOKE ALL ON SCHEMA schemawatch FROM PUBLIC;
COMMENT ON SCHEMA schemawatch IS 'schemawatch DDL capture, version 1: event triggers write every DDL statement to schemawatch.ddl_log, which schema-monitor reads through the publication schemawatch_ddl. Remove with uninstall.sql.';

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS schemawatch.installation (
    version      pg_catalog.int4        PRIMARY KEY,
    installed_at pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now()
);

CREATE TABLE IF NOT EXISTS schemawatch.ddl_log (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    txid              bigint                 NOT NULL,
    command_seq       pg_catalog.int4        NOT NULL,
    command_tag       pg_catalog.text        NOT NULL,
    statement         pg_catalog.text,
    commands          pg_catalog.jsonb       NOT NULL,
    dropped           pg_catalog.jsonb       NOT NULL,
    relations         pg_catalog.jsonb       NOT NULL,
    types             pg_catalog.jsonb       NOT NULL,
    error             pg_catalog.text,
    session_user_name pg_catalog.text,
    application_name  pg_catalog.text,
    client_address    pg_catalog.text,
    occurred_at       pg_catalog.timestamptz NOT NULL,
    schema_version    pg_catalog.int4        NOT NULL
);
CREATE INDEX IF NOT EXISTS ddl_log_txid_command_seq ON schemawatch.ddl_log (txid, command_seq);
ALTER TABLE schemawatch.ddl_log REPLICA IDENTITY DEFAULT;

CREATE TABLE IF NOT EXISTS schemawatch.heartbeat (
    id      pg_catalog.int4        PRIMARY KEY,
    beat_at pg_catalog.timestamptz NOT NULL
);
ALTER TABLE schemawatch.heartbeat REPLICA IDENTITY DEFAULT;

-- What one DDL statement's sql_drop trigger hands to its ddl_command_end trigger, in a table no
-- other role can write (a setting could be forged by any session). Rows live for the duration of
-- one statement; unlogged because they never outlive it.
CREATE UNLOGGED TABLE IF NOT EXISTS schemawatch.pending (
    pid     pg_catalog.int4  NOT NULL,
    kind    pg_catalog.text  NOT NULL,
    payload pg_catalog.jsonb NOT NULL,
    PRIMARY KEY (pid, kind)
);

REVOKE ALL ON TABLE schemawatch.installation, schemawatch.ddl_log, schemawatch.heartbeat, schemawatch.pending FROM PUBLIC;

COMMENT ON TABLE schemawatch.ddl_log IS 'One row per DDL statement, written by the schemawatch event triggers inside the statement''s transaction; read by schema-monitor through logical replication. Deleting old rows is safe (deletes are not published).';
COMMENT ON TABLE schemawatch.heartbeat IS 'Upserted by schema-monitor (Debezium heartbeat.action.query) so that its replication slot advances when no DDL happens.';
COMMENT ON TABLE schemawatch.installation IS 'The schemawatch versions installed in this database.';
COMMENT ON TABLE schemawatch.pending IS 'Scratch space of the schemawatch event triggers, emptied at the end of each DDL statement.';

INSERT INTO schemawatch.installation (version) VALUES (1) ON CONFLICT (version) DO NOTHING;

-- ---------------------------------------------------------------------------------------------
-- Publication: exactly ddl_log and heartbeat, inserts and updates (deletes of old ddl_log rows are
-- not published).
-- ---------------------------------------------------------------------------------------------

DO $schemawatch$
DECLARE
    all_tables pg_catalog.bool;
BEGIN
    SELECT p.puballtables INTO all_tables FROM pg_catalog.pg_publication p
    WHERE p.pubname OPERATOR(pg_catalog.=) 'schemawatch_ddl';
    IF all_tables THEN
        DROP PUBLICATION schemawatch_ddl;
        all_tables := NULL;
    END IF;
    IF all_tables IS NULL THEN
        CREATE PUBLICATION schemawatch_ddl FOR TABLE schemawatch.ddl_log, schemawatch.heartbeat
            WITH (publish = 'insert, update');
    ELSE
        ALTER PUBLICATION schemawatch_ddl SET TABLE schemawatch.ddl_log, schemawatch.heartbeat;
        ALTER PUBLICATION schemawatch_ddl SET (publish = 'insert, update');
    END IF;
END
$schemawatch$;

-- ---------------------------------------------------------------------------------------------
-- Definitions
-- ---------------------------------------------------------------------------------------------

-- Whether objects in this schema are captured: not the system schemas (pg_catalog, pg_toast,
-- the temporary schemas, all named pg_*), not information_schema, not schemawatch itself.
CREATE OR REPLACE FUNCTION schemawatch.is_captured_schema(nspname pg_catalog.text)
RETURNS pg_catalog.bool
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $fn$
    SELECT $1 IS NOT NULL
       AND $1 OPERATOR(pg_catalog.<>) 'information_schema'
       AND $1 OPERATOR(pg_catalog.<>) 'schemawatch'
       AND NOT pg_catalog.starts_with($1, 'pg_')
$fn$;

-- The definition of one relation (table, partitioned table, view, materialized view, foreign
-- table or sequence) as the catalog holds it now, or null when rel is no such relation. Names are
-- returned exactly as stored, never quoted. Keys match dev.schemawatch.contracts.schema.RelationDefinition.
CREATE OR REPLACE FUNCTION schemawatch.relation_definition(rel pg_catalog.oid)
RETURNS pg_catalog.jsonb
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan
AS $fn$
BEGIN
RETURN (SELECT jsonb_build_object(
    'oid', c.oid::bigint,
    'schema', n.nspname::text,
    'name', c.relname::text,
    'kind', CASE c.relkind
                WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'PARTITIONED_TABLE' WHEN 'v' THEN 'VIEW'
                WHEN 'm' THEN 'MATERIALIZED_VIEW' WHEN 'f' THEN 'FOREIGN_TABLE' WHEN 'S' THEN 'SEQUENCE'
            END,
    'owner', pg_get_userbyid(c.relowner)::text,
    'comment', (SELECT d.description FROM pg_description d
                WHERE d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0),
    'unlogged', c.relpersistence = 'u',
    'rowSecurity', c.relrowsecurity,
    'forceRowSecurity', c.relforcerowsecurity,
    'rowEstimate', CASE WHEN c.reltuples < 0 THEN -1 ELSE c.reltuples::bigint END,
    -- Only relations with storage: the others have no size and would only be locked for nothing.
    'sizeBytes', CASE WHEN c.relkind IN ('r', 'm', 'S') THEN coalesce(pg_total_relation_size(c.oid), 0) ELSE 0 END,
    'partitionKey', CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
    'partitionOf', (SELECT pn.nspname || '.' || p.relname
                    FROM pg_inherits i
                    JOIN pg_class p ON p.oid = i.inhparent
                    JOIN pg_namespace pn ON pn.oid = p.relnamespace
                    WHERE i.inhrelid = c.oid AND c.relispartition
                    LIMIT 1),
    'partitionBound', CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,
    'partitions', coalesce((SELECT jsonb_agg(q.name ORDER BY q.name COLLATE "C")
                            FROM (SELECT kn.nspname || '.' || k.relname AS name
                                  FROM pg_inherits i
                                  JOIN pg_class k ON k.oid = i.inhrelid
                                  JOIN pg_namespace kn ON kn.oid = k.relnamespace
                                  WHERE i.inhparent = c.oid AND k.relispartition) q), '[]'::jsonb),
    'viewDefinition', CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,
    'sequence', CASE WHEN c.relkind = 'S' THEN (
        SELECT jsonb_build_object(
            'dataType', format_type(s.seqtypid, NULL),
            'start', s.seqstart,
            'increment', s.seqincrement,
            'minValue', s.seqmin,
            'maxValue', s.seqmax,
            'cache', s.seqcache,
            'cycle', s.seqcycle,
            'ownedBy', (SELECT tn.nspname || '.' || t.relname || '.' || a.attname
                        FROM pg_depend d
                        JOIN pg_class t ON t.oid = d.refobjid
                        JOIN pg_namespace tn ON tn.oid = t.relnamespace
                        JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.objsubid = 0
                          AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0
                          AND d.deptype IN ('a', 'i')
                        LIMIT 1))
        FROM pg_sequence s WHERE s.seqrelid = c.oid) END,
    'privileges', coalesce(to_jsonb(c.relacl::text[]), '[]'::jsonb),
    'columns', coalesce((
        SELECT jsonb_agg(jsonb_build_object(
                   'attnum', a.attnum,
                   'name', a.attname::text,
                   'type', format_type(a.atttypid, a.atttypmod),
                   'notNull', a.attnotnull,
                   'defaultValue', CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
                   'identity', CASE a.attidentity WHEN 'a' THEN 'ALWAYS' WHEN 'd' THEN 'BY_DEFAULT' END,
                   'generated', CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
                   'collation', CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
                                    CASE WHEN co.collnamespace = 'pg_catalog'::regnamespace THEN co.collname::text
                                         ELSE con.nspname || '.' || co.collname END
                                END,
                   'comment', ds.description)
               ORDER BY a.attnum)
        FROM pg_attribute a
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
        LEFT JOIN pg_collation co ON co.oid = a.attcollation
        LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
        LEFT JOIN pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum
        -- (a sequence's columns are PostgreSQL's own: last_value, log_cnt, is_called)
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind <> 'S'), '[]'::jsonb),
    'constraints', coalesce((
        SELECT jsonb_agg(jsonb_build_object(
                   'oid', k.oid::bigint,
                   'name', k.conname::text,
                   'type', CASE k.contype
                               WHEN 'p' THEN 'PRIMARY_KEY' WHEN 'u' THEN 'UNIQUE' WHEN 'c' THEN 'CHECK'
                               WHEN 'f' THEN 'FOREIGN_KEY' WHEN 'x' THEN 'EXCLUSION' WHEN 't' THEN 'TRIGGER'
                               WHEN 'n' THEN 'NOT_NULL'
                           END,
                   'definition', pg_get_constraintdef(k.oid),
                   'columns', coalesce((SELECT jsonb_agg(a.attname::text ORDER BY u.ord)
                                        FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
                                        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum), '[]'::jsonb),
                   'validated', k.convalidated,
                   'deferrable', k.condeferrable,
                   'initiallyDeferred', k.condeferred,
                   'referencedSchema', CASE WHEN k.contype = 'f' THEN rn.nspname::text END,
                   'referencedTable', CASE WHEN k.contype = 'f' THEN rc.relname::text END,
                   'referencedColumns', CASE WHEN k.contype = 'f' THEN
                                            coalesce((SELECT jsonb_agg(a.attname::text ORDER BY u.ord)
                                                      FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, ord)
                                                      JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum), '[]'::jsonb)
                                        ELSE '[]'::jsonb END,
                   'onUpdate', CASE WHEN k.contype = 'f' THEN
                                   CASE k.confupdtype WHEN 'a' THEN 'NO_ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE'
                                                      WHEN 'n' THEN 'SET_NULL' WHEN 'd' THEN 'SET_DEFAULT' END END,
                   'onDelete', CASE WHEN k.contype = 'f' THEN
                                   CASE k.confdeltype WHEN 'a' THEN 'NO_ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE'
                                                      WHEN 'n' THEN 'SET_NULL' WHEN 'd' THEN 'SET_DEFAULT' END END,
                   'matchType', CASE WHEN k.contype = 'f' THEN
                                    CASE k.confmatchtype WHEN 'f' THEN 'FULL' WHEN 'p' THEN 'PARTIAL' WHEN 's' THEN 'SIMPLE' END END)
               ORDER BY k.conname, k.oid)
        FROM pg_constraint k
        LEFT JOIN pg_class rc ON rc.oid = k.confrelid
        LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
        WHERE k.conrelid = c.oid
          -- A foreign key that references a partitioned table has one internal clone per referenced
          -- partition on the same table, with the same name; the user's constraint is the parent.
          AND NOT EXISTS (SELECT 1 FROM pg_constraint pk WHERE pk.oid = k.conparentid AND pk.conrelid = k.conrelid)
        ), '[]'::jsonb),
    'indexes', coalesce((
        SELECT jsonb_agg(jsonb_build_object(
                   'oid', i.indexrelid::bigint,
                   'name', ic.relname::text,
                   'definition', pg_get_indexdef(i.indexrelid),
                   'columns', coalesce((SELECT jsonb_agg(CASE WHEN u.attnum <> 0 THEN a.attname::text
                                                              ELSE pg_get_indexdef(i.indexrelid, u.ord::int, false) END
                                                         ORDER BY u.ord)
                                        FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS u(attnum, ord)
                                        LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.attnum), '[]'::jsonb),
                   'unique', i.indisunique,
                   'primary', i.indisprimary,
                   'valid', i.indisvalid)
               ORDER BY ic.relname)
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        WHERE i.indrelid = c.oid), '[]'::jsonb),
    'policies', coalesce((
        SELECT jsonb_agg(jsonb_build_object(
                   'oid', p.oid::bigint,
                   'name', p.polname::text,
                   'command', CASE p.polcmd WHEN '*' THEN 'ALL' WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT'
                                            WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' END,
                   'permissive', p.polpermissive,
                   'roles', coalesce((SELECT jsonb_agg(CASE WHEN u.role = 0 THEN 'public' ELSE pg_get_userbyid(u.role)::text END
                                                       ORDER BY u.ord)
                                      FROM unnest(p.polroles) WITH ORDINALITY AS u(role, ord)), '[]'::jsonb),
                   'using', pg_get_expr(p.polqual, p.polrelid),
                   'withCheck', pg_get_expr(p.polwithcheck, p.polrelid))
               ORDER BY p.polname)
        FROM pg_policy p
        WHERE p.polrelid = c.oid), '[]'::jsonb),
    'triggers', coalesce((
        SELECT jsonb_agg(jsonb_build_object(
                   'oid', g.oid::bigint,
                   'name', g.tgname::text,
                   'definition', pg_get_triggerdef(g.oid),
                   'enabled', g.tgenabled <> 'D')
               ORDER BY g.tgname)
        FROM pg_trigger g
        WHERE g.tgrelid = c.oid AND NOT g.tgisinternal), '[]'::jsonb),
    'dependentViews', coalesce((
        SELECT jsonb_agg(q.name ORDER BY q.name COLLATE "C")
        FROM (SELECT DISTINCT vn.nspname || '.' || v.relname AS name
              FROM pg_depend d
              JOIN pg_rewrite r ON r.oid = d.objid
              JOIN pg_class v ON v.oid = r.ev_class
              JOIN pg_namespace vn ON vn.oid = v.relnamespace
              WHERE d.classid = 'pg_rewrite'::regclass
                AND d.refclassid = 'pg_class'::regclass
                AND d.refobjid = c.oid
                AND d.deptype = 'n'
                AND r.ev_class <> c.oid
                AND v.relkind IN ('v', 'm')) q), '[]'::jsonb))
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = rel
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S'));
END
$fn$;

-- The definition of one user-defined type (enum, domain, composite, range; anything else is
-- OTHER), or null when typ is no type. Keys match dev.schemawatch.contracts.schema.TypeDefinition.
CREATE OR REPLACE FUNCTION schemawatch.type_definition(typ pg_catalog.oid)
RETURNS pg_catalog.jsonb
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan
AS $fn$
BEGIN
RETURN (SELECT jsonb_build_object(
    'oid', t.oid::bigint,
    'schema', n.nspname::text,
    'name', t.typname::text,
    'kind', CASE t.typtype WHEN 'e' THEN 'ENUM' WHEN 'd' THEN 'DOMAIN' WHEN 'c' THEN 'COMPOSITE' WHEN 'r' THEN 'RANGE' ELSE 'OTHER' END,
    'owner', pg_get_userbyid(t.typowner)::text,
    'comment', (SELECT d.description FROM pg_description d
                WHERE d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0),
    'labels', CASE WHEN t.typtype = 'e' THEN
                  coalesce((SELECT jsonb_agg(e.enumlabel::text ORDER BY e.enumsortorder)
                            FROM pg_enum e WHERE e.enumtypid = t.oid), '[]'::jsonb)
              ELSE '[]'::jsonb END,
    'baseType', CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END,
    'constraints', CASE WHEN t.typtype = 'd' THEN
                       -- NOT NULL is a flag of the domain before PostgreSQL 17 and a constraint from 17 on.
                       (CASE WHEN t.typnotnull AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                                                              WHERE k.contypid = t.oid AND k.contype = 'n')
                             THEN '["NOT NULL"]'::jsonb ELSE '[]'::jsonb END)
                       || coalesce((SELECT jsonb_agg(pg_get_constraintdef(k.oid) ORDER BY k.conname, k.oid)
                                    FROM pg_constraint k WHERE k.contypid = t.oid), '[]'::jsonb)
                   ELSE '[]'::jsonb END,
    'attributes', CASE WHEN t.typtype = 'c' THEN
                      coalesce((SELECT jsonb_agg(a.attname::text || ' ' || format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum)
                                FROM pg_attribute a
                                WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '[]'::jsonb)
                  ELSE '[]'::jsonb END)
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.oid = typ);
END
$fn$;

-- Whether a relation or type is one the capture reports: in a captured schema, of a reported
-- kind, and not a member of an extension (extensions manage their own objects).
CREATE OR REPLACE FUNCTION schemawatch.is_captured_relation(rel pg_catalog.oid)
RETURNS pg_catalog.bool
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan
AS $fn$
BEGIN
RETURN EXISTS (
    SELECT 1
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.oid = rel
      AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
      AND schemawatch.is_captured_schema(n.nspname)
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'));
END
$fn$;

CREATE OR REPLACE FUNCTION schemawatch.is_captured_type(typ pg_catalog.oid)
RETURNS pg_catalog.bool
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan
AS $fn$
BEGIN
RETURN EXISTS (
    SELECT 1
    FROM pg_type t
    JOIN pg_namespace n ON n.oid = t.typnamespace
    LEFT JOIN pg_class r ON r.oid = t.typrelid
    WHERE t.oid = typ
      -- enums, domains, ranges, and composite types of their own (not the row type of a table)
      AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND r.relkind = 'c'))
      AND schemawatch.is_captured_schema(n.nspname)
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'));
END
$fn$;

-- Every captured relation and type: the baseline at the monitor's first start and the periodic
-- reconciliation. One row. Like pg_dump, it takes an ACCESS SHARE lock on every view and on what
-- the views read (pg_get_viewdef), held to the end of the caller's transaction, and briefly on
-- every table, index and sequence (pg_total_relation_size); it waits behind an ACCESS EXCLUSIVE
-- lock held by a running DDL.
CREATE OR REPLACE FUNCTION schemawatch.catalog_definitions()
RETURNS TABLE (relations pg_catalog.jsonb, types pg_catalog.jsonb)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
SELECT
    coalesce((SELECT jsonb_agg(schemawatch.relation_definition(c.oid) ORDER BY c.oid)
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                AND schemawatch.is_captured_schema(n.nspname)
                AND NOT EXISTS (SELECT 1 FROM pg_depend d
                                WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')),
             '[]'::jsonb),
    coalesce((SELECT jsonb_agg(schemawatch.type_definition(t.oid) ORDER BY t.oid)
              FROM pg_type t
              JOIN pg_namespace n ON n.oid = t.typnamespace
              LEFT JOIN pg_class r ON r.oid = t.typrelid
              WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND r.relkind = 'c'))
                AND schemawatch.is_captured_schema(n.nspname)
                AND NOT EXISTS (SELECT 1 FROM pg_depend d
                                WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')),
             '[]'::jsonb)
$fn$;

-- What a catalog object reported by pg_event_trigger_ddl_commands() belongs to: the relation
-- whose definition it is part of (a table for its index, constraint, policy, trigger, rule or
-- default), the user type it is or belongs to, and the schema that decides whether it is captured.
CREATE OR REPLACE FUNCTION schemawatch.resolve_object(p_classid pg_catalog.oid, p_objid pg_catalog.oid,
                                                      OUT rel pg_catalog.oid, OUT typ pg_catalog.oid, OUT nsp pg_catalog.oid)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan
AS $fn$
BEGIN
    CASE p_classid
        WHEN 'pg_class'::regclass THEN
            SELECT CASE WHEN k.relkind IN ('i', 'I') THEN x.indrelid
                        WHEN k.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') THEN k.oid END,
                   CASE WHEN k.relkind = 'c' THEN k.reltype END,
                   k.relnamespace
            INTO rel, typ, nsp
            FROM pg_class k LEFT JOIN pg_index x ON x.indexrelid = k.oid
            WHERE k.oid = p_objid;
        WHEN 'pg_constraint'::regclass THEN
            SELECT nullif(k.conrelid, 0), nullif(k.contypid, 0) INTO rel, typ FROM pg_constraint k WHERE k.oid = p_objid;
        WHEN 'pg_policy'::regclass THEN
            SELECT k.polrelid INTO rel FROM pg_policy k WHERE k.oid = p_objid;
        WHEN 'pg_trigger'::regclass THEN
            SELECT k.tgrelid INTO rel FROM pg_trigger k WHERE k.oid = p_objid;
        WHEN 'pg_rewrite'::regclass THEN
            SELECT k.ev_class INTO rel FROM pg_rewrite k WHERE k.oid = p_objid;
        WHEN 'pg_attrdef'::regclass THEN
            SELECT k.adrelid INTO rel FROM pg_attrdef k WHERE k.oid = p_objid;
        WHEN 'pg_type'::regclass THEN
            SELECT k.oid, k.typnamespace INTO typ, nsp FROM pg_type k WHERE k.oid = p_objid;
        WHEN 'pg_namespace'::regclass THEN
            nsp := p_objid;
        WHEN 'pg_proc'::regclass THEN
            SELECT k.pronamespace INTO nsp FROM pg_proc k WHERE k.oid = p_objid;
        ELSE
            NULL;
    END CASE;
    -- What decides whether it is captured is the schema of the relation or type it belongs to.
    IF rel IS NOT NULL THEN
        SELECT k.relnamespace INTO nsp FROM pg_class k WHERE k.oid = rel;
    ELSIF typ IS NOT NULL THEN
        SELECT k.typnamespace INTO nsp FROM pg_type k WHERE k.oid = typ;
    END IF;
END
$fn$;

REVOKE ALL ON FUNCTION schemawatch.is_captured_schema(pg_catalog.text) FROM PUBLIC;
REVOKE ALL ON FUNCTION schemawatch.relation_definition(pg_catalog.oid) FROM PUBLIC;
REVOKE ALL ON FUNCTION schemawatch.type_definition(pg_catalog.oid) FROM PUBLIC;
REVOKE ALL ON FUNCTION schemawatch.is_captured_relation(pg_catalog.oid) FROM PUBLIC;
REVOKE ALL ON FUNCTION schemawatch.is_captured_type(pg_catalog.oid) FROM PUBLIC;
REVOKE ALL ON FUNCTION schemawatch.catalog_definitions() FROM PUBLIC;
REVOKE ALL ON FUNCTION schemawatch.resolve_object(pg_catalog.oid, pg_catalog.oid) FROM PUBLIC;

-- ---------------------------------------------------------------------------------------------
-- Event trigger functions
-- ---------------------------------------------------------------------------------------------

-- ddl_command_start of DROP INDEX / TABLE / FOREIGN TABLE / SCHEMA / VIEW / MATERIALIZED VIEW:
-- once the objects are gone the catalog no longer says which table a dropped index belonged to,
-- which partitioned table a dropped partition belonged to, or which relations a dropped view
-- read, so remember that now for the ddl_command_end trigger.
CREATE OR REPLACE FUNCTION schemawatch.on_ddl_command_start()
RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_before jsonb;
BEGIN
    BEGIN
        IF TG_TAG = 'DROP INDEX' THEN
            -- (json_object_agg, then one conversion, is several times faster than jsonb_object_agg)
            SELECT jsonb_build_object('indexOwners', json_object_agg(i.indexrelid, i.indrelid)::jsonb)
            INTO v_before
            FROM pg_index i
            HAVING count(*) > 0;
        ELSIF TG_TAG IN ('DROP VIEW', 'DROP MATERIALIZED VIEW') THEN
            SELECT jsonb_build_object('viewBases', json_object_agg(q.view, q.bases)::jsonb)
            INTO v_before
            FROM (SELECT r.ev_class AS view, array_agg(DISTINCT d.refobjid) AS bases
                  FROM pg_rewrite r
                  JOIN pg_class v ON v.oid = r.ev_class AND v.relkind IN ('v', 'm')
                  JOIN pg_namespace n ON n.oid = v.relnamespace
                  JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                                  AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'n'
                                  AND d.refobjid <> r.ev_class
                  WHERE schemawatch.is_captured_schema(n.nspname)
                  GROUP BY r.ev_class) q
            HAVING count(*) > 0;
        ELSE
            SELECT jsonb_build_object('partitionParents', json_object_agg(i.inhrelid, i.inhparent)::jsonb)
            INTO v_before
            FROM pg_inherits i
            JOIN pg_class k ON k.oid = i.inhrelid
            WHERE k.relispartition
            HAVING count(*) > 0;
        END IF;
    EXCEPTION WHEN OTHERS THEN
        -- Never fail the user's DDL; the statement is still captured, only less precisely.
        RAISE WARNING 'schemawatch: % (ddl_command_start of %)', SQLERRM, TG_TAG;
        v_before := NULL;
    END;
    -- A setting, not a row: writing would assign a transaction id, and DROP INDEX CONCURRENTLY
    -- must be the first action of its transaction. Session-level, because DROP INDEX CONCURRENTLY
    -- commits between here and ddl_command_end (an aborted statement reverts it all the same).
    -- What it can change is only which existing relations the row describes.
    PERFORM set_config('schemawatch.before', coalesce(v_before::text, ''), false);
END
$fn$;

-- sql_drop: what the statement dropped, handed to the ddl_command_end trigger of the same statement.
CREATE OR REPLACE FUNCTION schemawatch.on_sql_drop()
RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_dropped jsonb;
    v_kind text := 'dropped';
BEGIN
    BEGIN
        SELECT jsonb_agg(jsonb_build_object(
                   'objectType', d.object_type,
                   'schema', d.schema_name,
                   'objectName', d.object_name,
                   'objectIdentity', d.object_identity,
                   'objid', d.objid::bigint,
                   'classid', d.classid::bigint,
                   'objsubid', d.objsubid,
                   'original', d.original,
                   'normal', d.normal,
                   'addressNames', coalesce(to_jsonb(d.address_names), '[]'::jsonb),
                   'addressArgs', coalesce(to_jsonb(d.address_args), '[]'::jsonb))
               ORDER BY d.ord)
        INTO v_dropped
        FROM pg_event_trigger_dropped_objects() WITH ORDINALITY
             AS d(classid, objid, objsubid, original, normal, is_temporary, object_type, schema_name,
                  object_name, object_identity, address_names, address_args, ord)
        WHERE NOT d.is_temporary
          AND CASE
                  WHEN d.schema_name IS NOT NULL THEN schemawatch.is_captured_schema(d.schema_name)
                  WHEN d.object_type = 'schema' THEN schemawatch.is_captured_schema(d.object_name)
                  -- rules (and on some versions triggers, policies, constraints) carry their
                  -- table's schema only in address_names
                  WHEN d.object_type IN ('rule', 'trigger', 'policy', 'table constraint')
                      THEN schemawatch.is_captured_schema(d.address_names[1])
                  ELSE true
              END;
    EXCEPTION WHEN OTHERS THEN
        v_kind := 'error';
        v_dropped := to_jsonb('sql_drop: ' || SQLERRM);
    END;
    IF v_dropped IS NOT NULL THEN
        INSERT INTO schemawatch.pending (pid, kind, payload)
        VALUES (pg_backend_pid(), v_kind, v_dropped)
        ON CONFLICT (pid, kind) DO UPDATE
            SET payload = CASE WHEN jsonb_typeof(schemawatch.pending.payload) = 'array'
                               THEN schemawatch.pending.payload || EXCLUDED.payload
                               ELSE EXCLUDED.payload END;
    END IF;
END
$fn$;

-- ddl_command_end: one schemawatch.ddl_log row per statement, with the definitions of everything
-- it affected as they are after it. Never makes the user's statement fail: whatever goes wrong
-- while describing it is written to the row's error column instead.
CREATE OR REPLACE FUNCTION schemawatch.on_ddl_command_end()
RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_txid bigint := txid_current_if_assigned();
    v_pending record;
    v_setting text;
    v_dropped jsonb := '[]';
    v_before jsonb := '{}';
    v_error text;
    v_commands jsonb := '[]';
    v_command_count int := 0;
    v_extension_script boolean := false;
    v_resolved boolean := true;
    v_direct oid[] := '{}';
    v_derived oid[] := '{}';
    v_type_oids oid[] := '{}';
    v_changed oid[];
    v_grant_outside boolean;
    v_locked oid[];
    v_relations jsonb := '[]';
    v_types jsonb := '[]';
    v_previous_seq int;
    v_previous_cid bigint;
BEGIN
    -- What this statement's ddl_command_start and sql_drop triggers left: always consumed.
    v_setting := current_setting('schemawatch.before', true);
    IF v_setting IS NOT NULL AND v_setting <> '' THEN
        PERFORM set_config('schemawatch.before', '', false);
        BEGIN
            v_before := v_setting::jsonb;
            IF jsonb_typeof(v_before) <> 'object' THEN
                v_before := '{}';
            END IF;
        EXCEPTION WHEN OTHERS THEN
            v_before := '{}';
        END;
    END IF;
    FOR v_pending IN DELETE FROM schemawatch.pending WHERE pid = pg_backend_pid() RETURNING kind, payload LOOP
        CASE v_pending.kind
            WHEN 'dropped' THEN v_dropped := v_pending.payload;
            WHEN 'error' THEN v_error := v_pending.payload #>> '{}';
            ELSE NULL;
        END CASE;
    END LOOP;

    -- Refreshing a materialized view changes its data, not the schema.
    IF TG_TAG = 'REFRESH MATERIALIZED VIEW' THEN
        RETURN;
    END IF;

    -- The previous row of this transaction: its position, and the command id that wrote it (rows
    -- of the catalog written after it were written by this statement or by one not captured).
    IF v_txid IS NOT NULL THEN
        SELECT l.command_seq, l.cmin::text::bigint INTO v_previous_seq, v_previous_cid
        FROM schemawatch.ddl_log l
        WHERE l.txid = v_txid
        ORDER BY l.command_seq DESC
        LIMIT 1;
    END IF;

    BEGIN
        -- The commands, less those on objects that are not captured (schemawatch, temporary and
        -- system schemas), and what they affect.
        WITH cmd AS (
            SELECT e.ord, e.classid, e.objid, e.objsubid, e.command_tag, e.object_type, e.schema_name,
                   e.object_identity, e.in_extension, o.rel, o.typ,
                   CASE WHEN o.nsp IS NOT NULL
                            THEN schemawatch.is_captured_schema((SELECT s.nspname FROM pg_namespace s WHERE s.oid = o.nsp))
                        WHEN e.schema_name IS NOT NULL THEN schemawatch.is_captured_schema(e.schema_name)
                        ELSE true
                   END AS captured
            FROM pg_event_trigger_ddl_commands() WITH ORDINALITY
                 AS e(classid, objid, objsubid, command_tag, object_type, schema_name, object_identity,
                      in_extension, command, ord)
            LEFT JOIN LATERAL schemawatch.resolve_object(e.classid, e.objid) o ON true
        )
        SELECT coalesce(jsonb_agg(jsonb_build_object(
                            'commandTag', cmd.command_tag,
                            'objectType', cmd.object_type,
                            'schema', cmd.schema_name,
                            'objectIdentity', cmd.object_identity,
                            'objid', coalesce(cmd.objid::bigint, 0),
                            'classid', coalesce(cmd.classid::bigint, 0),
                            'objsubid', coalesce(cmd.objsubid, 0),
                            'inExtension', coalesce(cmd.in_extension, false))
                        ORDER BY cmd.ord), '[]'::jsonb),
               count(*),
               coalesce(bool_and(cmd.in_extension), false),
               coalesce(array_agg(cmd.rel ORDER BY cmd.ord) FILTER (WHERE cmd.rel IS NOT NULL), '{}'),
               coalesce(array_agg(cmd.typ ORDER BY cmd.ord) FILTER (WHERE cmd.typ IS NOT NULL), '{}')
        INTO v_commands, v_command_count, v_extension_script, v_direct, v_type_oids
        FROM cmd
        WHERE cmd.captured;

        -- A statement of an extension's script that only drops reports no command that could say
        -- so; it runs after the script's CREATE / ALTER EXTENSION wrote the pg_extension row.
        IF v_command_count = 0 THEN
            SELECT EXISTS (SELECT 1 FROM pg_extension e
                           WHERE age(e.xmin) <= 0
                             AND (v_previous_cid IS NULL OR e.cmin::text::bigint > v_previous_cid))
            INTO v_extension_script;
        END IF;

        -- Tables that outlive the drop of one of their parts (constraint, index, trigger, policy,
        -- rule, column, default), and the parents of dropped partitions.
        v_direct := v_direct || coalesce((
            SELECT array_agg(x.rel ORDER BY x.ord)
            FROM (SELECT d.ord,
                         CASE
                             WHEN d.obj ->> 'objectType' IN ('table constraint', 'trigger', 'policy', 'rule', 'table column', 'default value')
                                 THEN (SELECT k.oid FROM pg_class k JOIN pg_namespace kn ON kn.oid = k.relnamespace
                                       WHERE kn.nspname = (d.obj -> 'addressNames' ->> 0)::name
                                         AND k.relname = (d.obj -> 'addressNames' ->> 1)::name)
                             WHEN d.obj ->> 'objectType' = 'index'
                                 THEN (v_before -> 'indexOwners' ->> (d.obj ->> 'objid'))::oid
                             WHEN d.obj ->> 'objectType' IN ('table', 'foreign table')
                                 THEN (v_before -> 'partitionParents' ->> (d.obj ->> 'objid'))::oid
                         END AS rel
                  FROM jsonb_array_elements(v_dropped) WITH ORDINALITY AS d(obj, ord)
                  -- what was dropped by name or through a normal dependency, not internal parts
                  -- such as the triggers of a foreign key on the referenced table
                  WHERE (d.obj ->> 'original')::boolean OR (d.obj ->> 'normal')::boolean) x
            WHERE x.rel IS NOT NULL), '{}');

        -- GRANT and REVOKE report no object: the relations are those whose catalog row this
        -- statement rewrote. A GRANT only on schemawatch's own objects is not captured.
        IF TG_TAG IN ('GRANT', 'REVOKE') THEN
            SELECT array_agg(c.oid ORDER BY c.oid) INTO v_changed
            FROM pg_class c
            WHERE age(c.xmin) <= 0 AND (v_previous_cid IS NULL OR c.cmin::text::bigint > v_previous_cid);
            v_direct := v_direct || coalesce(v_changed, '{}');
            SELECT bool_or(schemawatch.is_captured_schema(q.nspname)) INTO v_grant_outside
            FROM (SELECT n.nspname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE c.oid = ANY (v_changed)
                  UNION ALL
                  SELECT n.nspname::text FROM pg_namespace n
                  WHERE age(n.xmin) <= 0 AND (v_previous_cid IS NULL OR n.cmin::text::bigint > v_previous_cid)
                  UNION ALL
                  SELECT n.nspname::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE age(p.xmin) <= 0 AND (v_previous_cid IS NULL OR p.cmin::text::bigint > v_previous_cid)
                  UNION ALL
                  SELECT n.nspname::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                  WHERE age(t.xmin) <= 0 AND (v_previous_cid IS NULL OR t.cmin::text::bigint > v_previous_cid)) q;
            IF v_grant_outside IS FALSE THEN
                v_command_count := 0;
            END IF;
        END IF;

        -- A partition's parent lists it.
        v_derived := coalesce((
            SELECT array_agg(i.inhparent ORDER BY u.ord)
            FROM unnest(v_direct) WITH ORDINALITY AS u(rel, ord)
            JOIN pg_class k ON k.oid = u.rel AND k.relispartition
            JOIN pg_inherits i ON i.inhrelid = k.oid), '{}');

        -- The relations a view reads list it among their dependent views: those of the views the
        -- statement created or changed, and those of the views it dropped.
        v_derived := v_derived || coalesce((
            SELECT array_agg(d.refobjid ORDER BY u.ord, d.refobjid)
            FROM unnest(v_direct) WITH ORDINALITY AS u(rel, ord)
            JOIN pg_class v ON v.oid = u.rel AND v.relkind IN ('v', 'm')
            JOIN pg_rewrite r ON r.ev_class = v.oid
            JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                            AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'n'
                            AND d.refobjid <> v.oid), '{}');
        v_derived := v_derived || coalesce((
            SELECT array_agg(b.base::oid ORDER BY d.ord)
            FROM jsonb_array_elements(v_dropped) WITH ORDINALITY AS d(obj, ord)
            CROSS JOIN LATERAL jsonb_array_elements_text(coalesce(v_before -> 'viewBases' -> (d.obj ->> 'objid'), '[]'::jsonb)) AS b(base)
            WHERE d.obj ->> 'objectType' IN ('view', 'materialized view')), '{}');

        -- A statement on a partitioned table may change its partitions (columns, constraints and
        -- indexes recurse; ATTACH and DETACH change the partition itself). Those it changed are
        -- the ones it locked: the partitions in the tree now, and the tables this statement
        -- detached (no partition any more, catalog row rewritten by this statement).
        IF EXISTS (SELECT 1 FROM pg_class k WHERE k.oid = ANY (v_direct) AND k.relkind = 'p') THEN
            SELECT array_agg(l.relation) INTO v_locked
            FROM pg_locks l
            WHERE l.locktype = 'relation'
              AND l.pid = pg_backend_pid()
              AND l.database = (SELECT db.oid FROM pg_database db WHERE db.datname = current_database())
              AND l.granted
              AND l.mode IN ('ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock');
            v_derived := v_derived || coalesce((
                SELECT array_agg(t.relid ORDER BY p.ord, t.level, t.relid)
                FROM unnest(v_direct) WITH ORDINALITY AS p(rel, ord)
                JOIN pg_class pk ON pk.oid = p.rel AND pk.relkind = 'p'
                CROSS JOIN LATERAL pg_partition_tree(p.rel) t
                WHERE t.relid <> p.rel AND t.relid = ANY (v_locked)), '{}');
            v_derived := v_derived || coalesce((
                SELECT array_agg(c.oid ORDER BY c.oid)
                FROM pg_class c
                WHERE c.oid = ANY (v_locked)
                  AND c.relkind IN ('r', 'p', 'f')
                  AND NOT c.relispartition
                  AND age(c.xmin) <= 0
                  AND (v_previous_cid IS NULL OR c.cmin::text::bigint > v_previous_cid)), '{}');
        END IF;
    EXCEPTION WHEN OTHERS THEN
        v_error := SQLERRM;
        v_resolved := false;
        v_command_count := greatest(v_command_count, 1);
    END;

    -- Nothing captured (only schemawatch or temporary objects, or nothing at all, e.g.
    -- DROP TABLE IF EXISTS of a missing table): no row. Nor for the statements of an extension's
    -- script, which fire the triggers one by one: the CREATE / ALTER EXTENSION statement itself
    -- is the row.
    IF v_error IS NULL
       AND ((v_command_count = 0 AND jsonb_array_length(v_dropped) = 0) OR v_extension_script) THEN
        RETURN;
    END IF;

    IF v_resolved THEN
        BEGIN
            -- The relations the statement named first (tables, then views, then sequences), then
            -- those included because their definitions list the former (the parent of a
            -- partition, the partitions of a partitioned table, the relations a view reads).
            SELECT coalesce(jsonb_agg(schemawatch.relation_definition(x.rel)
                                      ORDER BY x.rank, CASE WHEN c.relkind IN ('r', 'p', 'f') THEN 0
                                                            WHEN c.relkind IN ('v', 'm') THEN 1 ELSE 2 END, x.pos), '[]'::jsonb)
            INTO v_relations
            FROM (SELECT u.rel, min(u.rank) AS rank, min(u.pos) AS pos
                  FROM (SELECT d.rel, 0 AS rank, d.pos FROM unnest(v_direct) WITH ORDINALITY AS d(rel, pos)
                        UNION ALL
                        SELECT d.rel, 1 AS rank, d.pos FROM unnest(v_derived) WITH ORDINALITY AS d(rel, pos)) u
                  GROUP BY u.rel) x
            JOIN pg_class c ON c.oid = x.rel
            WHERE schemawatch.is_captured_relation(x.rel);

            SELECT coalesce(jsonb_agg(schemawatch.type_definition(x.typ) ORDER BY x.pos), '[]'::jsonb)
            INTO v_types
            FROM (SELECT d.typ, min(d.pos) AS pos
                  FROM unnest(v_type_oids) WITH ORDINALITY AS d(typ, pos)
                  GROUP BY d.typ) x
            WHERE schemawatch.is_captured_type(x.typ);
        EXCEPTION WHEN OTHERS THEN
            v_relations := '[]';
            v_types := '[]';
            v_error := SQLERRM;
        END;
    END IF;

    INSERT INTO schemawatch.ddl_log (txid, command_seq, command_tag, statement, commands, dropped, relations, types,
                                     error, session_user_name, application_name, client_address, occurred_at,
                                     schema_version)
    VALUES (txid_current(), coalesce(v_previous_seq, 0) + 1, TG_TAG, current_query(), v_commands, v_dropped,
            v_relations, v_types, v_error, session_user, current_setting('application_name', true),
            host(inet_client_addr()), clock_timestamp(), 1);
END
$fn$;

-- Nobody calls these directly (PostgreSQL does not check EXECUTE when it fires an event trigger).
REVOKE ALL ON FUNCTION schemawatch.on_ddl_command_start() FROM PUBLIC;
REVOKE ALL ON FUNCTION schemawatch.on_sql_drop() FROM PUBLIC;
REVOKE ALL ON FUNCTION schemawatch.on_ddl_command_end() FROM PUBLIC;

-- ---------------------------------------------------------------------------------------------
-- Event triggers
-- ---------------------------------------------------------------------------------------------

CREATE EVENT TRIGGER schemawatch_ddl_command_start ON ddl_command_start
    WHEN TAG IN ('DROP INDEX', 'DROP TABLE', 'DROP FOREIGN TABLE', 'DROP SCHEMA', 'DROP VIEW', 'DROP MATERIALIZED VIEW')
    EXECUTE FUNCTION schemawatch.on_ddl_command_start();

CREATE EVENT TRIGGER schemawatch_sql_drop ON sql_drop
    EXECUTE FUNCTION schemawatch.on_sql_drop();

CREATE EVENT TRIGGER schemawatch_ddl_command_end ON ddl_command_end
    EXECUTE FUNCTION schemawatch.on_ddl_command_end();
