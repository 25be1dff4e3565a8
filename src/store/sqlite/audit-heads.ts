import type { AuditHeadRepository, SignedAuditHead } from '../audit-head-repository';
import { parseChainScan } from '../parse-chain-scan';
import { parseSignedAuditHead } from '../parse-signed-audit-head';
import type { SqliteContext, SqliteRepositoryDefinition } from './sqlite-repository';

interface HeadRow {
  entry_id: string;
  entry_hash: string;
  signed_at: number;
  algorithm: string;
  signature: string;
  key_fingerprint: string;
}

/** The audit chain's signed heads in SQLite, one row per signed entry, walked on the primary key. */
export const auditHeads: SqliteRepositoryDefinition<AuditHeadRepository> = {
  migrations: [
    {
      name: 'create audit_head',
      sql: `
        CREATE TABLE audit_head (
          entry_id TEXT NOT NULL PRIMARY KEY,
          entry_hash TEXT NOT NULL,
          signed_at INTEGER NOT NULL,
          algorithm TEXT NOT NULL,
          signature TEXT NOT NULL,
          key_fingerprint TEXT NOT NULL
        ) STRICT;
      `,
    },
  ],

  create({ db }: SqliteContext): AuditHeadRepository {
    const insert = db.prepare(`
      INSERT INTO audit_head (entry_id, entry_hash, signed_at, algorithm, signature, key_fingerprint)
      VALUES (@entry_id, @entry_hash, @signed_at, @algorithm, @signature, @key_fingerprint)
      ON CONFLICT (entry_id) DO NOTHING`);
    const selectLatest = db.prepare<[], HeadRow>('SELECT * FROM audit_head ORDER BY entry_id DESC LIMIT 1');
    const selectAfter = db.prepare<[string, number], HeadRow>('SELECT * FROM audit_head WHERE entry_id > ? ORDER BY entry_id LIMIT ?');
    const selectFromStart = db.prepare<[number], HeadRow>('SELECT * FROM audit_head ORDER BY entry_id LIMIT ?');
    return {
      async append(head) {
        const { entryId, entryHash, signedAt, algorithm, signature, keyFingerprint } = parseSignedAuditHead(head);
        insert.run({ entry_id: entryId, entry_hash: entryHash, signed_at: signedAt.getTime(), algorithm, signature, key_fingerprint: keyFingerprint });
      },
      async latest() {
        const row = selectLatest.get();
        return row ? fromRow(row) : null;
      },
      async scan(afterEntryId, limit) {
        const scan = parseChainScan(afterEntryId, limit);
        return (scan.after === null ? selectFromStart.all(scan.limit) : selectAfter.all(scan.after, scan.limit)).map(fromRow);
      },
    };
  },
};

function fromRow(row: HeadRow): SignedAuditHead {
  return {
    entryId: row.entry_id,
    entryHash: row.entry_hash,
    signedAt: new Date(row.signed_at),
    algorithm: row.algorithm,
    signature: row.signature,
    keyFingerprint: row.key_fingerprint,
  };
}
