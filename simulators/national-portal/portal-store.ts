import type { PortalDossierState, PortalRecord, PortalState, PortalWrite } from './types';

export interface PortalStore {
  has(code: string): boolean;
  get(code: string): PortalDossierState | undefined;
  /** Creates or replaces a dossier's record (its version +1) and records the write. */
  writeDossier(code: string, record: PortalRecord, mode: 'create' | 'update'): void;
  /** Merges steps into their dossiers (see `stepKey`) and records one write per dossier. */
  writeSteps(steps: ReadonlyArray<{ code: string; step: PortalRecord }>): void;
  countRefusal(code: number): void;
  /** A deep copy of everything, or of one dossier and its writes. */
  state(code?: string): PortalState;
}

/**
 * A step's identity (our reading): who handled it, what was done, and when it began (or,
 * without a start, when it was handled). A step sent again with the same identity
 * replaces the one held — so an open step later finished is updated, not duplicated, and
 * sending every step on every push is idempotent; a new identity is appended.
 */
export function stepKey(step: PortalRecord): string {
  const text = (key: string): string => (typeof step[key] === 'string' ? (step[key] as string).trim() : '');
  return [text('NgayBatDau') || text('ThoiDiemXuLy'), text('NguoiXuLy'), text('NoiDungXuLy')].join('|');
}

/**
 * What the simulated portal holds: each dossier's last accepted record, its version and
 * steps, and the history of accepted writes (the oldest dropped beyond `historyLimit`, so
 * a long demo run stays bounded). `now` is injectable for tests.
 */
export function createPortalStore({ historyLimit, now = () => new Date() }: { historyLimit: number; now?: () => Date }): PortalStore {
  const dossiers = new Map<string, PortalDossierState & { stepIndex: Map<string, number> }>();
  const history: PortalWrite[] = [];
  const refusals: Record<string, number> = {};
  let seq = 0;
  let historyDropped = 0;

  function record(write: Omit<PortalWrite, 'seq' | 'at'>): void {
    seq += 1;
    history.push({ seq, at: now().toISOString(), ...write });
    if (history.length > historyLimit) {
      history.shift();
      historyDropped += 1;
    }
  }

  return {
    has: (code) => dossiers.has(code),
    get: (code) => dossiers.get(code),
    writeDossier(code, data, mode) {
      const at = now().toISOString();
      const held = dossiers.get(code);
      if (held && mode === 'update') {
        held.record = data;
        held.version += 1;
        held.updatedAt = at;
      } else {
        // A create of a code already held happens only when the simulator accepts duplicate creates: it starts over.
        dossiers.set(code, { code, version: (held?.version ?? 0) + 1, record: data, steps: [], stepWrites: 0, createdAt: at, updatedAt: at, stepIndex: new Map() });
      }
      record({ mode, code, version: dossiers.get(code)!.version, record: data });
    },
    writeSteps(items) {
      const byCode = new Map<string, PortalRecord[]>();
      for (const { code, step } of items) byCode.set(code, [...(byCode.get(code) ?? []), step]);
      for (const [code, steps] of byCode) {
        const held = dossiers.get(code)!;
        for (const step of steps) {
          const key = stepKey(step);
          const at = held.stepIndex.get(key);
          if (at === undefined) {
            held.stepIndex.set(key, held.steps.length);
            held.steps.push(step);
          } else {
            held.steps[at] = step;
          }
        }
        held.stepWrites += 1;
        held.updatedAt = now().toISOString();
        record({ mode: 'steps', code, version: held.version, steps });
      }
    },
    countRefusal(code) {
      refusals[String(code)] = (refusals[String(code)] ?? 0) + 1;
    },
    state(code) {
      const selected = code === undefined ? [...dossiers.values()] : [dossiers.get(code)].filter((d) => d !== undefined);
      return structuredClone({
        dossiers: selected.sort((a, b) => (a.code < b.code ? -1 : 1)).map(({ stepIndex: _index, ...dossier }) => dossier),
        history: code === undefined ? history : history.filter((w) => w.code === code),
        historyDropped,
        refusals,
      });
    },
  };
}
