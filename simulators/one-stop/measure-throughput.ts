import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * Measures what one simulated one-stop system costs, each in its own process (started
 * from dist with main.js) so its CPU time and memory are its own:
 *   npm run build && node dist/simulators/one-stop/measure-throughput.js [--dossiers 20000,1000000] [--pages 25]
 * For each dialect and size: start-up time, resident memory after start and after
 * reading, and pages spread over the whole listing (first to last), read one after the
 * other after ten pages of warm-up: dossiers per second of the simulator's CPU and of wall time. Pages of 200
 * (motcua: 100, its largest). Linux only (reads /proc). Not part of `npm test`.
 */
const DIALECTS = ['igate', 'motcua', 'soap'] as const;
type Dialect = (typeof DIALECTS)[number];
const PAGE_SIZE: Record<Dialect, number> = { igate: 200, motcua: 100, soap: 200 };
const PROVINCE: Record<Dialect, string> = { igate: 'H56', motcua: 'H41', soap: 'H48' };
const NS = 'http://motcua.gov.vn/';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dossiers: { type: 'string', default: '20000,1000000' }, pages: { type: 'string', default: '25' }, dialects: { type: 'string', default: DIALECTS.join(',') } } });
  const sizes = values.dossiers.split(',').map(Number);
  const pages = Number(values.pages);
  console.log('dialect  dossiers   start  rss-start  rss-after  pages  dossiers/s-cpu  dossiers/s-wall  bytes/dossier');
  for (const count of sizes) {
    for (const dialect of values.dialects.split(',') as Dialect[]) {
      const sim = await startChild(dialect, count);
      try {
        const rssStart = rssMb(sim.pid);
        const client = await clientFor(dialect, sim.url);
        const first = await client.page(0);
        const lastPage = Math.max(0, Math.ceil(first.total / PAGE_SIZE[dialect]) - 1);
        // Warm-up (the JIT compiles the hot paths), not counted.
        for (let k = 1; k <= 10; k++) await client.page(Math.round((k * lastPage) / 11));
        const cpu0 = cpuMs(sim.pid);
        const wall0 = performance.now();
        let served = 0;
        let bytes = 0;
        for (let k = 0; k < pages; k++) {
          const answer = await client.page(Math.round((k * lastPage) / Math.max(1, pages - 1)));
          served += answer.items;
          bytes += answer.bytes;
        }
        const cpu = cpuMs(sim.pid) - cpu0;
        const wall = performance.now() - wall0;
        const row = [
          dialect.padEnd(7), String(count).padStart(9), `${(sim.startMs / 1000).toFixed(1)}s`.padStart(7),
          `${rssStart.toFixed(0)}MB`.padStart(10), `${rssMb(sim.pid).toFixed(0)}MB`.padStart(10), String(pages).padStart(6),
          String(Math.round(served / (cpu / 1000))).padStart(15), String(Math.round(served / (wall / 1000))).padStart(16), String(Math.round(bytes / served)).padStart(14),
        ];
        console.log(row.join(' '));
        if (dialect === 'igate') await planning(sim, count);
      } finally {
        sim.child.kill('SIGTERM');
      }
    }
  }
}

/** Wall time of the first page of each query a gateway sends an igate deployment, and of 1,000 status changes. */
async function planning(sim: Child, count: number): Promise<void> {
  const form = new URLSearchParams({ grant_type: 'password', client_id: 'lienthong-gateway', username: 'lienthong', password: 'demo-secret' });
  const { access_token: token } = (await (await fetch(`${sim.url}/auth/realms/digo/protocol/openid-connect/token`, { method: 'POST', body: form })).json()) as { access_token: string };
  const timed = async (label: string, path: string, init: RequestInit = {}): Promise<void> => {
    const started = performance.now();
    const res = await fetch(`${sim.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
    const body = (await res.json()) as { totalElements?: number; changes?: unknown[] };
    console.log(`  igate ${count}: ${label.padEnd(58)} ${String(Math.round(performance.now() - started)).padStart(6)} ms  (${body.totalElements ?? body.changes?.length} dossiers)`);
  };
  const queries: Array<[string, string]> = [
    ['whole window, sort=code,asc, first page', '/pa/dossier/search?accepted-from=2000-01-01&accepted-to=2099-12-31&sort=code,asc&size=200'],
    ['whole window, sort=code,asc, page 1000', '/pa/dossier/search?accepted-from=2000-01-01&accepted-to=2099-12-31&sort=code,asc&size=200&page=1000'],
    ['updated-from a day before now, sort=updatedDate,asc', '/pa/dossier/search?updated-from=2026-10-31T09:00:00%2B07:00&sort=updatedDate,asc&size=200'],
    ['dossier-status=0,1,2,3,9,10 (in progress)', '/pa/dossier/search?dossier-status=0,1,2,3,9,10&size=200'],
  ];
  for (const [label, path] of queries) await timed(label, path);
  await timed('POST /__sim/mutate {"count": 1000}', '/__sim/mutate', { method: 'POST', body: JSON.stringify({ count: 1000 }) });
  for (const [label, path] of queries) await timed(`${label}, after`, path);
  console.log(`  igate ${count}: resident memory now ${rssMb(sim.pid).toFixed(0)} MB`);
}

interface Child {
  child: ChildProcess;
  pid: number;
  url: string;
  startMs: number;
}

function startChild(dialect: Dialect, count: number): Promise<Child> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(__dirname, 'main.js'), '--dialect', dialect, '--province', PROVINCE[dialect], '--dossiers', String(count), '--speed', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /^(http:\/\/[\d.:]+)/m.exec(out.split('\n')[1] ?? '')?.[1];
      if (url) resolve({ child, pid: child.pid as number, url, startMs: performance.now() - started });
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}: ${out}`)));
  });
}

interface PageAnswer {
  total: number;
  items: number;
  bytes: number;
}

async function clientFor(dialect: Dialect, url: string): Promise<{ page(page: number): Promise<PageAnswer> }> {
  const size = PAGE_SIZE[dialect];
  if (dialect === 'igate') {
    const form = new URLSearchParams({ grant_type: 'password', client_id: 'lienthong-gateway', username: 'lienthong', password: 'demo-secret' });
    const { access_token: token } = (await (await fetch(`${url}/auth/realms/digo/protocol/openid-connect/token`, { method: 'POST', body: form })).json()) as { access_token: string };
    return {
      async page(page) {
        const text = await (await fetch(`${url}/pa/dossier/search?accepted-from=2000-01-01&accepted-to=2099-12-31&page=${page}&size=${size}`, { headers: { authorization: `Bearer ${token}` } })).text();
        const body = JSON.parse(text) as { totalElements: number; content: unknown[] };
        return { total: body.totalElements, items: body.content.length, bytes: Buffer.byteLength(text) };
      },
    };
  }
  if (dialect === 'motcua') {
    const authorization = `Basic ${Buffer.from('lienthong:demo-secret').toString('base64')}`;
    return {
      async page(page) {
        const text = await (await fetch(`${url}/api/hoso?tuNgay=20000101&denNgay=20991231&trang=${page + 1}&soLuong=${size}`, { headers: { authorization } })).text();
        const body = JSON.parse(text) as { TongSo: string; DanhSach: unknown[] };
        return { total: Number(body.TongSo), items: body.DanhSach.length, bytes: Buffer.byteLength(text) };
      },
    };
  }
  return {
    async page(page) {
      const envelope = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header><AuthHeader xmlns="${NS}"><Username>lienthong</Username><Password>demo-secret</Password></AuthHeader></soap:Header><soap:Body><LayDanhSachHoSo xmlns="${NS}"><tuNgay>20000101</tuNgay><denNgay>20991231</denNgay><trang>${page + 1}</trang><soLuong>${size}</soLuong></LayDanhSachHoSo></soap:Body></soap:Envelope>`;
      const text = await (await fetch(`${url}/HoSoService.asmx`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${NS}LayDanhSachHoSo"` }, body: envelope })).text();
      const total = Number(/<(?:\w+:)?TongSo>(\d+)</.exec(text)?.[1] ?? 0);
      return { total, items: text.match(/<(?:\w+:)?HoSo>/g)?.length ?? 0, bytes: Buffer.byteLength(text) };
    },
  };
}

/** CPU time (user + system) of a process, from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function rssMb(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1] ?? 0) / 1024;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
