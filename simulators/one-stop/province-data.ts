import { buildDossier } from './build-dossier';
import { drawAgency, drawCore, type DossierCore } from './draw-core';
import { createGenerationContext, type GenerationContext, type GenerationOptions } from './generation-context';
import type { Dossier } from './types';
import { DAY_MS, formatCodeDay, VN_OFFSET_MS } from './vn-time';

/**
 * One province's dossiers as pure functions of their index: dossier `i` (its core, its
 * code, the whole of it) is computed on demand, nothing per dossier is kept. Indices from
 * `count` on are the arrivals after the data's `now`.
 */
export interface ProvinceData {
  readonly context: GenerationContext;
  /** Dossiers of the generated history. */
  readonly count: number;
  core(index: number): DossierCore;
  /** `{agency}-{yyMMdd}-{nnnn}`: the day it was first listed and its place among that day's dossiers of the province. */
  codeOf(core: DossierCore): string;
  /** The dossier as generated, before any change the simulated clock brought. */
  dossier(index: number): Dossier;
  dossierOf(core: DossierCore): Dossier;
  /** The index of the dossier with this code among the first `total`, or null. */
  indexOfCode(code: string, total: number): number | null;
  /** The position of an agency code in code order, for sorting by dossier code without building codes. */
  agencyRank(agencyCode: string): number;
  /** The agency of dossier `index` as generated (its code's first part), cheaper than the core. */
  agencyOf(index: number): string;
}

const CODE = /^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{2})(\d{2})(\d{2})-(\d{4,})$/;

export function createProvinceData(options: GenerationOptions): ProvinceData {
  const context = createGenerationContext(options);
  const { timeline } = context;
  // The first index listed on each Vietnamese calendar day (a day number since 1970): one entry per day touched.
  const dayStarts = new Map<number, number>();
  const dayStart = (day: number): number => {
    let start = dayStarts.get(day);
    if (start === undefined) {
      start = timeline.firstAt(day * DAY_MS - VN_OFFSET_MS, Infinity);
      dayStarts.set(day, start);
    }
    return start;
  };
  const dayOf = (instant: number): number => Math.floor((instant + VN_OFFSET_MS) / DAY_MS);
  const ranks = new Map(
    [...context.directory.byCode.keys()].sort().map((code, rank) => [code, rank] as const),
  );

  const codeOf = (core: DossierCore): string => {
    // Codes are numbered by the day the dossier was first listed (received, or submitted
    // online), which never changes afterwards, so a code is fixed however the dossier moves.
    const sequence = core.index - dayStart(dayOf(core.listedAt)) + 1;
    return `${core.agency.MADONVI}-${formatCodeDay(core.listedAt)}-${String(sequence).padStart(4, '0')}`;
  };
  const core = (index: number): DossierCore => drawCore(index, context);
  const dossierOf = (drawn: DossierCore): Dossier => buildDossier(drawn, codeOf(drawn), context);

  return {
    context,
    count: context.count,
    core,
    codeOf,
    dossier: (index) => dossierOf(core(index)),
    dossierOf,
    indexOfCode(code, total) {
      const match = CODE.exec(code);
      if (!match) return null;
      const [, , yy, mm, dd, sequence] = match as unknown as [string, string, string, string, string, string];
      const utc = Date.UTC(2000 + Number(yy), Number(mm) - 1, Number(dd));
      const check = new Date(utc);
      if (check.getUTCMonth() !== Number(mm) - 1 || check.getUTCDate() !== Number(dd)) return null;
      const day = utc / DAY_MS;
      const index = dayStart(day) + Number(sequence) - 1;
      if (Number(sequence) < 1 || index >= total || index >= dayStart(day + 1)) return null;
      return codeOf(core(index)) === code ? index : null;
    },
    agencyRank: (agencyCode) => ranks.get(agencyCode) ?? ranks.size,
    agencyOf: (index) => drawAgency(index, context).MADONVI,
  };
}
