import type { SimControlRoute } from '../kit';
import { CORRECTABLE_FIELDS, type DossierCorrection, type ProvinceState } from './province-state';
import type { Dossier } from './types';

export interface ControlRouteOptions {
  state: ProvinceState;
  correct(code: string, patch?: DossierCorrection): Dossier;
}

/**
 * The simulator's clock and changes over HTTP, under `/__sim/` where no vendor route is,
 * for the bench and a demo operator (bodies and answers JSON):
 * - `GET /__sim/state` → SimState;
 * - `POST /__sim/advance {"ms": 3600000}` → SimState after the clock moved;
 * - `POST /__sim/speed {"speed": 60}` → SimState;
 * - `POST /__sim/mutate {"count": 50}` or `{"fraction": 0.1}` → `{"changes": [StatusChange…]}`;
 * - `POST /__sim/correct {"code": "…", "patch": {"applicantName": "…"}}` (patch optional) →
 *   `{"code", "applicantName", "updatedAt"}`, 404 for an unknown code.
 * A wrong method answers 405; a malformed body 400 with what was expected.
 */
export function createControlRoutes({ state, correct }: ControlRouteOptions): Record<string, SimControlRoute> {
  const post = (route: (json: Record<string, unknown>) => unknown): SimControlRoute => ({ method, json }) => {
    if (method !== 'POST') return { status: 405, body: { error: 'use POST' } };
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('expected a JSON object body');
    return { status: 200, body: route(json as Record<string, unknown>) };
  };
  return {
    '/__sim/state': ({ method }) => (method === 'GET' ? { status: 200, body: state.summary() } : { status: 405, body: { error: 'use GET' } }),
    '/__sim/advance': post(({ ms }) => {
      if (typeof ms !== 'number') throw new Error('expected {"ms": <milliseconds ≥ 0>}');
      state.advance(ms);
      return state.summary();
    }),
    '/__sim/speed': post(({ speed }) => {
      if (typeof speed !== 'number') throw new Error('expected {"speed": <simulated ms per real ms, ≥ 0>}');
      state.setSpeed(speed);
      return state.summary();
    }),
    '/__sim/mutate': post(({ count, fraction }) => {
      if (typeof count !== 'number' && typeof fraction !== 'number') throw new Error('expected {"count": n} or {"fraction": f}');
      return { changes: state.mutate(typeof count === 'number' ? { count } : { fraction: fraction as number }) };
    }),
    '/__sim/correct': ({ method, json }) => {
      if (method !== 'POST') return { status: 405, body: { error: 'use POST' } };
      const { code, patch } = (typeof json === 'object' && json !== null ? json : {}) as { code?: unknown; patch?: unknown };
      if (typeof code !== 'string') throw new Error('expected {"code": "<dossier code>", "patch"?: {…}}');
      if (patch !== undefined) {
        if (typeof patch !== 'object' || patch === null) throw new Error(`patch must be an object of ${CORRECTABLE_FIELDS.join(', ')}`);
        const unknown = Object.keys(patch).filter((field) => !(CORRECTABLE_FIELDS as readonly string[]).includes(field));
        if (unknown.length > 0) throw new Error(`patch may correct only ${CORRECTABLE_FIELDS.join(', ')}; got ${unknown.join(', ')}`);
        const bad = Object.entries(patch).filter(([field, value]) => typeof value !== 'string' && !(field === 'email' && value === null));
        if (bad.length > 0) throw new Error(`patch values must be strings (email may be null); got ${bad.map(([field, value]) => `${field}: ${JSON.stringify(value)}`).join(', ')}`);
      }
      let corrected: Dossier;
      try {
        corrected = correct(code, patch as DossierCorrection | undefined);
      } catch (err) {
        return { status: 404, body: { error: err instanceof Error ? err.message : String(err) } };
      }
      return { status: 200, body: { code: corrected.code, applicantName: corrected.applicant.fullName, updatedAt: corrected.updatedAt } };
    },
  };
}
