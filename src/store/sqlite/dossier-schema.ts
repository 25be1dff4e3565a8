import type { SqliteMigration } from './sqlite-repository';

/**
 * The dossier tables. `dossier` holds the plain, indexed facts (one row per dossier,
 * nothing personal); `dossier_sealed` the whole record, encrypted, under the same id;
 * `dossier_rollup` the maintained counts behind every figure; `dossier_change` the change
 * log; `outbox` what each consumer still has to deliver; `sync_checkpoint` where each
 * source's sync stands. Every list a filter can ask for walks an index in list order:
 * `(pathN, sort_key)` for a jurisdiction, `(sort_key)` for all of them, `(procedure,
 * sort_key)` for a procedure (the plan test in `sqlite-dossier-plans.test.ts` fails on a
 * full scan). `dossier_source_count` holds how many dossiers each source has.
 */
export const DOSSIER_MIGRATIONS: readonly SqliteMigration[] = [
  {
    name: 'create dossier, dossier_sealed, dossier_rollup, dossier_change, outbox and sync_checkpoint',
    sql: `
      CREATE TABLE dossier (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        agency_code TEXT NOT NULL,
        path1 TEXT NOT NULL,
        path2 TEXT NOT NULL,
        path3 TEXT NOT NULL,
        path4 TEXT NOT NULL,
        sort_key TEXT NOT NULL,
        listed_ms INTEGER,
        received_ms INTEGER,
        status INTEGER,
        channel TEXT,
        procedure TEXT,
        due_day INTEGER,
        klass TEXT NOT NULL CHECK (klass IN ('ON_TIME', 'LATE', 'OPEN', 'OTHER')),
        settled INTEGER NOT NULL CHECK (settled IN (0, 1)),
        updated_at TEXT,
        content_hash TEXT NOT NULL,
        version INTEGER NOT NULL,
        changed_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX dossier_sort ON dossier (sort_key);
      CREATE INDEX dossier_path1 ON dossier (path1, sort_key);
      CREATE INDEX dossier_path2 ON dossier (path2, sort_key);
      CREATE INDEX dossier_path3 ON dossier (path3, sort_key);
      CREATE INDEX dossier_path4 ON dossier (path4, sort_key);
      CREATE INDEX dossier_procedure ON dossier (procedure, sort_key);
      CREATE INDEX dossier_unsettled ON dossier (source, code) WHERE settled = 0;
      CREATE INDEX dossier_source ON dossier (source);
      CREATE TABLE dossier_sealed (
        id INTEGER PRIMARY KEY REFERENCES dossier (id) ON DELETE CASCADE,
        key_id TEXT NOT NULL,
        sealed BLOB NOT NULL
      ) STRICT;
      CREATE INDEX dossier_sealed_key ON dossier_sealed (key_id);
      CREATE TABLE dossier_rollup (
        path TEXT NOT NULL,
        day INTEGER NOT NULL,
        status INTEGER NOT NULL,
        channel TEXT NOT NULL,
        klass TEXT NOT NULL,
        due_day INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (path, day, status, channel, klass, due_day)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE dossier_change (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT NOT NULL,
        source TEXT NOT NULL,
        version INTEGER NOT NULL,
        agency_code TEXT NOT NULL,
        old_status INTEGER,
        new_status INTEGER,
        kind TEXT NOT NULL CHECK (kind IN ('created', 'updated')),
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX dossier_change_at ON dossier_change (at);
      CREATE TABLE outbox (
        consumer TEXT NOT NULL,
        code TEXT NOT NULL,
        source TEXT NOT NULL,
        version INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'dead')),
        attempts INTEGER NOT NULL,
        due_at INTEGER NOT NULL,
        last_error TEXT,
        enqueued_at INTEGER NOT NULL,
        PRIMARY KEY (consumer, code)
      ) STRICT;
      CREATE INDEX outbox_due ON outbox (consumer, state, due_at);
      CREATE INDEX outbox_source ON outbox (consumer, source, state, due_at);
      CREATE TABLE sync_checkpoint (
        source TEXT NOT NULL PRIMARY KEY,
        state TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    // countBySource is read with every freshness check (about once a second under load): a
    // GROUP BY over every dossier is a scan of millions of index entries each time, so the
    // counts are kept, written in the same transaction as the dossiers they count.
    name: 'dossier_source_count: dossiers per source, kept by every batch',
    sql: `
      CREATE TABLE dossier_source_count (
        source TEXT NOT NULL PRIMARY KEY,
        n INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      INSERT INTO dossier_source_count (source, n) SELECT source, COUNT(*) FROM dossier GROUP BY source;
    `,
  },
];
