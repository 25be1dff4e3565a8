import type Database from 'better-sqlite3';
import { GatewayError } from '../../errors';
import type { Lease, LeaseFence, LeaseRepository } from '../dossier-repository';
import type { SqliteContext, SqliteRepositoryDefinition } from './sqlite-repository';

interface LeaseRow {
  name: string;
  holder: string;
  token: number;
  expires_at: number;
}

const leaseOf = (row: LeaseRow): Lease => ({ name: row.name, holder: row.holder, token: row.token, expiresAt: new Date(row.expires_at) });

/**
 * Refuses (LEASE_LOST) unless `fence` still holds its lease at `now`: same holder, same
 * token, not expired. Called inside a write transaction, so the check and the write it
 * guards are one step: a holder that stalled past its lease writes nothing.
 */
export function checkFence(db: Database.Database, fence: LeaseFence, now: number): void {
  const row = db.prepare<[string], LeaseRow>('SELECT * FROM lease WHERE name = ?').get(fence.name);
  if (!row || row.holder !== fence.holder || row.token !== fence.token || row.expires_at <= now) {
    throw new GatewayError('LEASE_LOST', `the lease ${fence.name} (token ${fence.token}) is no longer held by ${fence.holder}`, {
      lease: fence.name,
      heldBy: row && row.expires_at > now ? row.holder : null,
    });
  }
}

/** Leases in SQLite: one row per name; every change is an IMMEDIATE transaction, so two processes on one file take turns. */
export const leases: SqliteRepositoryDefinition<LeaseRepository> = {
  migrations: [
    {
      name: 'create lease',
      sql: `
        CREATE TABLE lease (
          name TEXT NOT NULL PRIMARY KEY,
          holder TEXT NOT NULL,
          token INTEGER NOT NULL,
          expires_at INTEGER NOT NULL
        ) STRICT;
      `,
    },
  ],
  create({ db }: SqliteContext): LeaseRepository {
    const select = db.prepare<[string], LeaseRow>('SELECT * FROM lease WHERE name = ?');
    const upsert = db.prepare('INSERT INTO lease (name, holder, token, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, token = excluded.token, expires_at = excluded.expires_at');
    const acquire = db.transaction((name: string, holder: string, ttlMs: number, now: number): Lease | null => {
      const row = select.get(name);
      if (row && row.holder !== holder && row.expires_at > now) return null;
      const token = row ? (row.holder === holder && row.expires_at > now ? row.token : row.token + 1) : 1;
      upsert.run(name, holder, token, now + ttlMs);
      return { name, holder, token, expiresAt: new Date(now + ttlMs) };
    });
    const renew = db.transaction((fence: LeaseFence, ttlMs: number, now: number): Lease | null => {
      const row = select.get(fence.name);
      if (!row || row.holder !== fence.holder || row.token !== fence.token || row.expires_at <= now) return null;
      upsert.run(fence.name, fence.holder, fence.token, now + ttlMs);
      return { name: fence.name, holder: fence.holder, token: fence.token, expiresAt: new Date(now + ttlMs) };
    });
    const release = db.transaction((fence: LeaseFence, now: number): void => {
      const row = select.get(fence.name);
      if (row && row.holder === fence.holder && row.token === fence.token) upsert.run(fence.name, fence.holder, fence.token, Math.min(row.expires_at, now));
    });
    return {
      async acquire(name, holder, ttlMs, now = new Date()) {
        return acquire.immediate(name, holder, ttlMs, now.getTime());
      },
      async renew(fence, ttlMs, now = new Date()) {
        return renew.immediate(fence, ttlMs, now.getTime());
      },
      async release(fence) {
        release.immediate(fence, Date.now());
      },
      async get(name) {
        const row = select.get(name);
        return row ? leaseOf(row) : null;
      },
    };
  },
};
