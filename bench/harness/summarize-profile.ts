import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a profile's time went, by the code's owner and by function (self time, idle excluded). */
export interface ProfileSummary {
  /** Sampled time not idle, in ms. */
  busyMs: number;
  /** Share of busy time per owner: an npm package, a folder of ours (`src/graphql`), `node`, `(gc)`, `(program)`. */
  byOwner: Array<{ owner: string; share: number }>;
  byFunction: Array<{ name: string; owner: string; share: number }>;
}

/** The owner of a frame: the npm package, or the first two folders of our code, or what V8 names it. */
export function ownerOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node';
  const ours = /\/dist\/((?:src|connectors|simulators|bench)\/[^/]+)/.exec(url) ?? /\/((?:src|connectors|simulators|bench)\/[^/]+)/.exec(url);
  return ours ? ours[1]!.replace(/\.js$/, '') : url;
}

/** Self time of a `.cpuprofile` (what `--cpu-prof` and the inspector write), summed by owner and by function. */
export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const owners = new Map<string, number>();
  const functions = new Map<string, { owner: string; us: number }>();
  let busy = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    busy += us;
    const owner = ownerOf(url, functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
    const name = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(node_modules|dist)\//, '')}:${lineNumber + 1}` : ''}`.trim();
    const entry = functions.get(name) ?? { owner, us: 0 };
    entry.us += us;
    functions.set(name, entry);
  }
  const share = (us: number): number => (busy === 0 ? 0 : us / busy);
  return {
    busyMs: busy / 1000,
    byOwner: [...owners].sort((a, b) => b[1] - a[1]).slice(0, top).map(([owner, us]) => ({ owner, share: share(us) })),
    byFunction: [...functions].sort((a, b) => b[1].us - a[1].us).slice(0, top).map(([name, { owner, us }]) => ({ name, owner, share: share(us) })),
  };
}

/** The summary as lines for the bench's output. */
export function formatProfileSummary(summary: ProfileSummary): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1).padStart(5)}%`;
  return [
    `    busy ${summary.busyMs.toFixed(0)} ms sampled; self time by owner:`,
    ...summary.byOwner.map((o) => `      ${pct(o.share)}  ${o.owner}`),
    '    hottest functions (self):',
    ...summary.byFunction.map((f) => `      ${pct(f.share)}  ${f.name}`),
  ].join('\n');
}

if (require.main === module) {
  for (const file of process.argv.slice(2)) console.log(`${file}\n${formatProfileSummary(summarizeProfile(file, 25))}`);
}
