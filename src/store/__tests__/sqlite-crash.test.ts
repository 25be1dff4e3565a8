import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStore, type AuditEntry } from '../index';

const BATCH = 200;
const KILL_AFTER = 25;

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-crash-'));
});

afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the writer child until it has reported `KILL_AFTER` batches, then SIGKILLs it mid-write. */
function runAndKill(): Promise<{ committed: number; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'fixtures', 'write-audit-batches.js'), dataDir, String(BATCH)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let committed = -1;
  let pending = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^committed (\d+)$/.exec(line);
      if (match) committed = Number(match[1]);
    }
    if (committed >= KILL_AFTER) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ committed, signal, stderr }));
  });
}

it('finds every audit batch committed before a SIGKILL, and no part of a batch that was not', async () => {
  const { committed, signal, stderr } = await runAndKill();
  expect({ signal, stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
  expect(committed).toBeGreaterThanOrEqual(KILL_AFTER);

  const store = await createStore({ dataDir });
  const entries: AuditEntry[] = [];
  try {
    let after: string | undefined;
    do {
      const page = await store.audit.query({}, { first: 1000, after });
      entries.push(...page.items);
      after = page.nextCursor ?? undefined;
    } while (after);
  } finally {
    await store.close();
  }

  const sizes = new Map<string, number>();
  for (const entry of entries) sizes.set(entry.requestId, (sizes.get(entry.requestId) ?? 0) + 1);
  for (let batch = 0; batch <= committed; batch += 1) expect([`batch-${batch}`, sizes.get(`batch-${batch}`)]).toEqual([`batch-${batch}`, BATCH]);
  for (const [batch, size] of sizes) expect([batch, size]).toEqual([batch, BATCH]);
});
