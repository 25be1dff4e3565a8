import path from 'node:path';
import type { AgencyRecord, ProcedureRecord, SectorRecord } from '../../src/domain/procedure';
import { KEY_FILE, readDataKeyFile } from '../../src/store/load-data-keyring';
import { unseal, type DataKeyring } from '../../src/store/seal';
import type { SqlStatement } from '../../src/store/sqlite/dossier-filters';
import { openSqliteReader } from '../../src/store/sqlite/open-sqlite-reader';

/** The catalogue copy the gateway keeps, as the baseline holds it: by code. */
export interface CatalogueCopy {
  procedures: Map<string, ProcedureRecord>;
  agencies: Map<string, AgencyRecord>;
  sectors: Map<string, SectorRecord>;
}

/** The gateway's SQLite store, opened read-only beside it (WAL lets a reader in another process in). */
export interface StoreReader {
  catalogue: CatalogueCopy;
  all<T>(statement: SqlStatement): T[];
  get<T>(statement: SqlStatement): T;
  /** A sealed record opened (AES-256-GCM, inflate) and parsed, as the gateway's store does. */
  open(sealed: Uint8Array, code: string): Record<string, unknown>;
  /** SQL statements run so far. */
  readonly statements: number;
  close(): void;
}

export function openStoreReader(dataDir: string): StoreReader {
  const db = openSqliteReader(path.join(dataDir, 'lienthong.db'));
  const keyring: DataKeyring = readDataKeyFile(path.join(dataDir, KEY_FILE));
  let statements = 0;
  const items = db.all<{ kind: string; json: string }>('SELECT kind, json FROM catalogue_item WHERE snapshot_id = (SELECT snapshot_id FROM catalogue_current WHERE id = 1)');
  const catalogue: CatalogueCopy = { procedures: new Map(), agencies: new Map(), sectors: new Map() };
  for (const { kind, json } of items) {
    const item = JSON.parse(json) as { code: string };
    if (kind === 'procedure') catalogue.procedures.set(item.code, item as ProcedureRecord);
    else if (kind === 'agency') catalogue.agencies.set(item.code, item as AgencyRecord);
    else catalogue.sectors.set(item.code, item as SectorRecord);
  }
  return {
    catalogue,
    all<T>({ sql, params }: SqlStatement) {
      statements += 1;
      return db.all<T>(sql, params);
    },
    get<T>({ sql, params }: SqlStatement) {
      statements += 1;
      return db.get<T>(sql, params)!;
    },
    open: (sealed, code) => JSON.parse(unseal(sealed, code, keyring)) as Record<string, unknown>,
    get statements() {
      return statements;
    },
    close: () => db.close(),
  };
}
