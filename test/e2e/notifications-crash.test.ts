import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startZaloZnsSimulator, type ZaloZnsSimulator } from '../../simulators/zalo-zns';
import { dossierWriteOf } from '../../src/dossiers';
import type { DossierRecord } from '../../src/domain';
import { trackingIdOf } from '../../src/notifications';
import { createStore, type Store } from '../../src/store';

// A citizen gets one message per status change even when the process sending it is killed
// between Zalo taking the message and the gateway recording that it went: the delivery
// stays pending, the next process sends it again with the same tracking id, and Zalo
// answers that id as a duplicate instead of messaging the citizen twice.

const CHILD = path.join(__dirname, 'fixtures', 'citizen-dispatcher-child.js');
const CHANGES = 4;
const KILL_AT = 2;

/** A dossier of a consenting province (Nghệ An) read for the first time: history, announced to no one. */
function record(i: number, status: number): DossierRecord {
  const code = `000.06.00.H41-240315-${String(i).padStart(4, '0')}`;
  return {
    code, source: 'province-h41', procedureCode: '1.001612', procedureName: 'Đăng ký khai sinh', sector: null,
    applicant: { name: 'Lê Thị Hoa', kind: 'CITIZEN', idNumber: null, idKind: null, phone: `09123400${String(i).padStart(2, '0')}`, email: null, address: null },
    agencyCode: '000.06.00.H41', agencyName: 'UBND xã Thanh Thái', channel: 'ONLINE', status: { code: status, vendorCode: String(status), vendorLabel: null },
    receiptNumber: null, summary: null, submittedAt: '2024-03-15T08:30:00+07:00', receivedAt: '2024-03-15T09:00:00+07:00', appointmentAt: null,
    finishedAt: null, returnedAt: null, updatedAt: `2024-03-15T09:0${status}:00+07:00`, steps: [], fees: [], submittedPapers: [], resultPapers: [],
  };
}

interface Run {
  child: ChildProcess;
  accepted: Array<{ accepted: string; duplicate: boolean }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function run(dataDir: string, section: object, hangAfter: number, key: string): Run {
  const child = fork(CHILD, [dataDir, JSON.stringify(section), String(hangAfter)], { env: { ...process.env, LIENTHONG_TEST_DATA_KEY: key }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const accepted: Run['accepted'] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.on('message', (message: { accepted?: string; duplicate?: boolean }) => {
    if (message.accepted) accepted.push({ accepted: message.accepted, duplicate: message.duplicate === true });
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, accepted, exited };
}

describe('a citizen\'s message across a crash mid-send', () => {
  let zalo: ZaloZnsSimulator;
  let store: Store;
  let dataDir: string;
  const key = randomBytes(32).toString('base64');

  beforeAll(async () => {
    zalo = await startZaloZnsSimulator({ refreshToken: 'rt-crash' });
    dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-crash-'));
    store = await createStore({ dataDir, dataKeyring: { activeKeyId: 'k1', keys: new Map([['k1', Buffer.from(key, 'base64')]]) } });
  });
  afterAll(async () => {
    await store?.close();
    await zalo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reaches Zalo exactly once per status change when the sending process is SIGKILLed between Zalo taking a message and its record, then restarted', async () => {
    const write = (records: DossierRecord[]) => store.dossiers.apply({ dossiers: records.map((r) => dossierWriteOf(r, () => r.procedureCode)!) });
    const ids = Array.from({ length: CHANGES }, (_, i) => i + 1);
    await write(ids.map((i) => record(i, 2)));
    // The consumer has run before: it starts from here, not from the history above.
    await store.deliveries.cursor('citizens');
    await write(ids.map((i) => record(i, 4)));
    const trackingIds = ids.map((i) => trackingIdOf(record(i, 4).code, 2, 'zalo-zns'));
    const section = {
      zaloZns: { name: 'zalo-zns', url: zalo.url, oauthUrl: zalo.oauthUrl, appId: zalo.appId, secretKey: zalo.secretKey, refreshToken: 'rt-crash', templateIds: {}, timeoutMs: 5000, ratePerSecond: 100, burst: 100 },
      consent: { default: false, provinces: { H41: true } },
      statuses: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      delivery: 'first-success',
    };

    const first = run(dataDir, section, KILL_AT, key);
    while (first.accepted.length < KILL_AT) {
      const exited = await Promise.race([first.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 50))]);
      if (exited) throw new Error(`the first dispatcher exited before being killed: ${JSON.stringify(exited)}`);
    }
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL', stderr: '' });

    // Zalo has the message the process died sending; the store does not know it went.
    const killedAt = first.accepted[KILL_AT - 1]!.accepted;
    expect(zalo.state().messages.map((m) => m.trackingId)).toEqual(first.accepted.map((a) => a.accepted));
    const pending = (await store.deliveries.due('citizens', new Date(Date.now() + 86_400_000), 10)).map((d) => d.id);
    expect(pending).toHaveLength(CHANGES - KILL_AT + 1);

    const second = run(dataDir, section, 0, key);
    expect(await second.exited).toEqual({ code: 0, signal: null, stderr: '' });

    // One message per change, each tracking id once; the repeated send was answered as a duplicate.
    expect(zalo.state().messages.map((m) => m.trackingId).sort()).toEqual([...trackingIds].sort());
    expect(second.accepted.filter((a) => a.duplicate).map((a) => a.accepted)).toEqual([killedAt]);
    expect(zalo.stats.byOperation.sendTemplate).toBe(CHANGES + 1);
    expect(await store.deliveries.depth('citizens')).toEqual({ pending: 0, held: 0, dead: 0, oldestPendingAt: null });
    const today = Math.floor((Date.now() + 7 * 3_600_000) / 86_400_000);
    expect(await store.deliveries.dayCounts('citizens', null, today, today)).toEqual([{ day: today, channel: 'zalo-zns', outcome: 'sent', count: CHANGES }]);
  });
});
