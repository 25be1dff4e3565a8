import { agencyPathsOf } from '../agency-paths-of';
import type { Webhook, WebhookEvent, WebhookListing, WebhookRepository } from '../delivery-repository';
import { ALL_PATH } from '../dossier-rollup';
import { requireDataKeyring, seal, unseal } from '../seal';
import type { SqliteContext, SqliteRepositoryDefinition } from './sqlite-repository';

interface WebhookRow {
  id: string;
  agency_code: string;
  url: string;
  events: string;
  key_id: string;
  sealed_secret: Uint8Array;
  created_by_subject: string | null;
  created_by_client: string | null;
  created_at: number;
}

/** A row as listed: no secret, which a listing never unseals. */
type ListedRow = Omit<WebhookRow, 'key_id' | 'sealed_secret'>;

/** The column holding the agency path at a scope's depth (from a fixed list, never from input). */
const PATH_COLUMNS = { 1: 'path1', 2: 'path2', 3: 'path3', 4: 'path4' } as const;

/**
 * Webhook registrations in SQLite, table `webhook`: the agency's path at each depth,
 * indexed, so the webhooks of a jurisdiction are one index range; the secret sealed
 * (AES-256-GCM, bound to the webhook's id) like a dossier record.
 */
export const webhooks: SqliteRepositoryDefinition<WebhookRepository> = {
  migrations: [
    {
      name: 'create webhook',
      sql: `
        CREATE TABLE webhook (
          id TEXT NOT NULL PRIMARY KEY,
          agency_code TEXT NOT NULL,
          path1 TEXT NOT NULL,
          path2 TEXT NOT NULL,
          path3 TEXT NOT NULL,
          path4 TEXT NOT NULL,
          url TEXT NOT NULL,
          events TEXT NOT NULL,
          key_id TEXT NOT NULL,
          sealed_secret BLOB NOT NULL,
          created_by_subject TEXT,
          created_by_client TEXT,
          created_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX webhook_path1 ON webhook (path1, created_at);
        CREATE INDEX webhook_path2 ON webhook (path2, created_at);
        CREATE INDEX webhook_path3 ON webhook (path3, created_at);
        CREATE INDEX webhook_path4 ON webhook (path4, created_at);
        CREATE INDEX webhook_agency ON webhook (agency_code);
      `,
    },
  ],

  create({ db, keyring }: SqliteContext): WebhookRepository {
    const insert = db.prepare(`
      INSERT INTO webhook (id, agency_code, path1, path2, path3, path4, url, events, key_id, sealed_secret, created_by_subject, created_by_client, created_at)
      VALUES (@id, @agency_code, @path1, @path2, @path3, @path4, @url, @events, @key_id, @sealed_secret, @created_by_subject, @created_by_client, @created_at)`);
    const select = db.prepare<[string], WebhookRow>('SELECT * FROM webhook WHERE id = ?');
    const LISTED = 'id, agency_code, url, events, created_by_subject, created_by_client, created_at';
    const selectAll = db.prepare<[], ListedRow>(`SELECT ${LISTED} FROM webhook ORDER BY created_at, id`);
    const selectListed = db.prepare<[string], ListedRow>(`SELECT ${LISTED} FROM webhook WHERE id = ?`);
    const countOf = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM webhook WHERE agency_code = ?');
    const remove = db.prepare('DELETE FROM webhook WHERE id = ?');
    const selectToReseal = db.prepare<[string], Pick<WebhookRow, 'id' | 'key_id' | 'sealed_secret'>>('SELECT id, key_id, sealed_secret FROM webhook WHERE key_id != ?');
    const updateSealed = db.prepare('UPDATE webhook SET key_id = ?, sealed_secret = ? WHERE id = ? AND key_id = ?');

    const listingOf = (row: ListedRow): WebhookListing => ({
      id: row.id,
      agencyCode: row.agency_code,
      url: row.url,
      events: JSON.parse(row.events) as WebhookEvent[],
      createdBy: { subject: row.created_by_subject, clientId: row.created_by_client },
      createdAt: new Date(row.created_at),
    });
    const webhookOf = (row: WebhookRow): Webhook => ({ ...listingOf(row), secret: unseal(row.sealed_secret, row.id, requireDataKeyring(keyring)) });
    // Counted and written in one IMMEDIATE transaction: no other writer, in this process or another, registers between the two.
    const insertWithin = db.transaction((row: Record<string, unknown>, agencyCode: string, maxPerAgency: number): boolean => {
      if (countOf.get(agencyCode)!.n >= maxPerAgency) return false;
      insert.run(row);
      return true;
    });

    return {
      async create(webhook, maxPerAgency) {
        const paths = agencyPathsOf(webhook.agencyCode);
        if (paths.length !== 5) throw new TypeError(`a webhook's agency must be an agency code; got ${JSON.stringify(webhook.agencyCode)}`);
        const { keyId, sealed } = seal(webhook.secret, webhook.id, requireDataKeyring(keyring));
        const row = {
          id: webhook.id, agency_code: webhook.agencyCode, path1: paths[1], path2: paths[2], path3: paths[3], path4: paths[4], url: webhook.url,
          events: JSON.stringify(webhook.events), key_id: keyId, sealed_secret: sealed,
          created_by_subject: webhook.createdBy.subject, created_by_client: webhook.createdBy.clientId, created_at: webhook.createdAt.getTime(),
        };
        return insertWithin.immediate(row, webhook.agencyCode, maxPerAgency);
      },
      async get(id) {
        const row = select.get(id);
        return row ? webhookOf(row) : null;
      },
      async find(id) {
        const row = selectListed.get(id);
        return row ? listingOf(row) : null;
      },
      async list(scope) {
        if (scope === null || scope.path === ALL_PATH) return selectAll.all().map(listingOf);
        const rows = db.prepare<[string], ListedRow>(`SELECT ${LISTED} FROM webhook WHERE ${PATH_COLUMNS[scope.depth]} = ? ORDER BY created_at, id`).all(scope.path);
        return rows.map(listingOf);
      },
      async countOf(agencyCode) {
        return countOf.get(agencyCode)!.n;
      },
      async delete(id) {
        return remove.run(id).changes > 0;
      },
      async reseal() {
        // Registrations are few (a cap per agency): one transaction re-seals them all.
        const ring = requireDataKeyring(keyring);
        return db
          .transaction(() =>
            selectToReseal.all(ring.activeKeyId).reduce((done, row) => {
              const { keyId, sealed } = seal(unseal(row.sealed_secret, row.id, ring), row.id, ring);
              return done + updateSealed.run(keyId, sealed, row.id, row.key_id).changes;
            }, 0),
          )
          .immediate();
      },
    };
  },
};
