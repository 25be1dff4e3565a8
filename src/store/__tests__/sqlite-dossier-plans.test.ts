import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStore, type DossierQuery, type Store } from '../index';
import { splitWindowByDay } from '../dossier-rollup';
import { edgeGroupsStatement, listStatement, rollupCountStatement, rollupGroupsStatement, rowCountStatement, type SqlStatement } from '../sqlite/dossier-filters';
import { dossierWrite, testKeyring } from './define-dossier-contract-tests';

const root = mkdtempSync(path.join(tmpdir(), 'lienthong-plans-'));
let store: Store;

const ms = (iso: string): number => Date.parse(iso);
const AGENCIES = ['000.00.41.H56', '000.01.41.H56', '000.02.41.H56', '000.00.42.H56', '000.01.42.H56', '000.00.01.H56', '000.00.41.H41', '000.03.41.H41'];

beforeAll(async () => {
  store = await createStore({ dataDir: root, dataKeyring: testKeyring() });
  // 4,000 dossiers over a year, spread over agencies, statuses, channels and procedures, so the planner has real choices.
  const writes = Array.from({ length: 4000 }, (_, i) => {
    const agency = AGENCIES[i % AGENCIES.length]!;
    const at = new Date(ms('2024-01-01T08:00:00+07:00') + i * 7_900_000).toISOString();
    const status = [10, 10, 10, 9, 4, 2, 3, 5][i % 8]!;
    return dossierWrite({
      code: `${agency}-${String(240101 + (i % 28)).padStart(6, '0')}-${String(i).padStart(4, '0')}`,
      agency,
      listed: at,
      received: status === 3 ? null : at,
      status,
      channel: ['ONLINE', 'IN_PERSON', 'POSTAL'][i % 3]!,
      procedure: `1.00${1000 + (i % 40)}`,
      klass: status === 10 || status === 9 ? (i % 7 === 0 ? 'LATE' : 'ON_TIME') : status === 3 ? 'OTHER' : 'OPEN',
      due: '2024-06-01',
    });
  });
  for (let i = 0; i < writes.length; i += 500) await store.dossiers.apply({ dossiers: writes.slice(i, i + 500) });
});
afterAll(async () => {
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

const TODAY = 19_900;
const scopes: Array<DossierQuery['scope']> = [undefined, { depth: 1, path: 'H56' }, { depth: 2, path: 'H56.41' }, { depth: 3, path: 'H56.41.01' }, { depth: 4, path: 'H56.41.00.000' }];
const extras: Array<Omit<DossierQuery, 'today' | 'scope'>> = [
  {},
  { statuses: [4] },
  { statuses: [1, 2, 4, 5, 6] },
  { channel: 'ONLINE' },
  { procedure: '1.001007' },
  { receivedFromMs: ms('2024-03-01T00:00:00+07:00'), receivedToMs: ms('2024-04-01T00:00:00+07:00') },
  { receivedFromMs: ms('2024-03-01T09:30:00+07:00'), receivedToMs: ms('2024-03-20T17:00:00+07:00') },
  { receivedFromMs: ms('2024-03-01T09:30:00+07:00') },
  { receivedToMs: ms('2024-03-01T09:30:00+07:00') },
  { late: true },
  { late: false },
  { statuses: [4], channel: 'POSTAL', late: true, receivedFromMs: ms('2024-02-01T00:00:00+07:00') },
  { procedure: '1.001007', statuses: [10], receivedFromMs: ms('2024-02-01T00:00:00+07:00'), receivedToMs: ms('2024-05-01T00:00:00+07:00') },
];
const queries: DossierQuery[] = scopes.flatMap((scope) => extras.map((extra) => ({ ...extra, ...(scope ? { scope } : {}), today: TODAY })));

/** Every statement the repository can run for `query`: the list (with and without a cursor), the counts, the figures. */
function statementsOf(query: DossierQuery): Array<[string, SqlStatement]> {
  const { days, edges } = splitWindowByDay(query.receivedFromMs, query.receivedToMs);
  return [
    ['list', listStatement(query, undefined, 50)],
    ['list after a cursor', listStatement(query, '8290000000|x', 50)],
    ['row count', rowCountStatement(query)],
    ...edges.map(([fromMs, toMs]): [string, SqlStatement] => ['edge count', rowCountStatement(query, { fromMs, toMs })]),
    ...edges.map(([fromMs, toMs]): [string, SqlStatement] => ['edge figures', edgeGroupsStatement(query, { fromMs, toMs })]),
    ...(days ? [['rollup count', rollupCountStatement(query, days)] as [string, SqlStatement], ['rollup figures', rollupGroupsStatement(query, days)] as [string, SqlStatement]] : []),
  ];
}

function plansOf(db: Database.Database): Array<[string, string, string[]]> {
  return queries.flatMap((query) =>
    statementsOf(query)
      // Whole-query row counts only run with a procedure filter; every other count reads the rollups.
      .filter(([kind]) => kind !== 'row count' || query.procedure !== undefined)
      .map(([kind, { sql, params }]): [string, string, string[]] => [
        `${kind} of ${JSON.stringify({ ...query, today: undefined })}`,
        sql,
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((row) => row.detail),
      ]),
  );
}

describe('dossier queries in SQLite', () => {
  it.each([
    ['without statistics', false],
    ['after ANALYZE', true],
  ])('never scan a whole table, and lists never sort outside an index (%s)', (_name, analyze) => {
    const db = new Database(store.location);
    try {
      if (analyze) db.exec('ANALYZE');
      const problems: string[] = [];
      for (const [label, sql, plan] of plansOf(db)) {
        const fullScan = plan.find((line) => /^SCAN (d|dossier|dossier_rollup)\b/.test(line) && !/USING (COVERING )?INDEX/.test(line));
        const sorted = sql.includes('ORDER BY d.sort_key') && plan.some((line) => line.includes('USE TEMP B-TREE FOR ORDER BY'));
        if (fullScan || sorted) problems.push(`${label}: ${plan.join(' / ')}`);
      }
      expect(problems).toEqual([]);
    } finally {
      db.close();
    }
  });
});
