import type { SeededRandom } from '../kit';
import type { AgencyIndex } from './agency-index';
import { ANCHOR_PROCEDURES } from './anchor-procedures';
import { buildProcedure, type BuildContext, type ProcedureSpec } from './build-procedure';
import type { Level, SectorTemplate } from './catalogue';
import { generateSectorDocuments, type SectorDocuments } from './generate-sector-documents';
import { listProcedureCandidates, type ProcedureCandidate } from './list-procedure-candidates';
import type { RawProcedure, RawProcedureRef } from './types';

export interface GenerateProceduresOptions {
  random: SeededRandom;
  count: number;
  agencies: AgencyIndex;
  sectors: readonly SectorTemplate[];
}

/** Codes `1.00xxxx` and `2.00xxxx`: 10,000 numbers per prefix. */
const CODES_PER_PREFIX = 10_000;
export const MAX_PROCEDURES = 2 * CODES_PER_PREFIX;

/**
 * `count` clean procedure records sorted by code: the anchor procedures, then picks from
 * every (name, level) the sector templates allow, shuffled by `random`. When `count`
 * exceeds the candidates a name comes back under another code, as republished procedures
 * do in the real database. About 8% are published on two adjacent levels. Related and
 * inter-linked procedures always point at codes in the result.
 */
export function generateProcedures({ random, count, agencies, sectors }: GenerateProceduresOptions): RawProcedure[] {
  const byCode = new Map(sectors.map((s) => [s.code, s]));
  const documents = new Map<string, SectorDocuments>(sectors.map((s) => [s.code, generateSectorDocuments(s, random)]));
  const ctx = createContext(random, agencies, documents);
  const candidates = listProcedureCandidates(sectors);
  const resultOf = new Map(candidates.map((c) => [c.name, c.result]));
  const isAnchor = (c: ProcedureCandidate): boolean => ANCHOR_PROCEDURES.some((a) => a.name === c.name && a.levels.includes(c.level));
  const pool = random.sample(candidates.filter((c) => !isAnchor(c)), candidates.length);
  const codes = createCodeSource(random, ANCHOR_PROCEDURES.map((a) => a.code));

  const specs: ProcedureSpec[] = ANCHOR_PROCEDURES.slice(0, count).map((a) => ({
    code: a.code,
    name: a.name,
    result: resultOf.get(a.name) ?? 'Văn bản trả lời',
    sector: byCode.get(a.sector) as SectorTemplate,
    levels: a.levels,
    province: a.province,
  }));
  for (let i = 0; specs.length < count; i++) {
    const pick = pool[i % pool.length] as ProcedureCandidate;
    const levels = withNeighbourLevel(pick, random);
    specs.push({ code: codes.next(levels.includes(0) && random.chance(0.7) ? '1' : random.pick(['1', '2'])), name: pick.name, result: pick.result, sector: pick.sector, levels });
  }

  const procedures = specs.map((spec) => buildProcedure(spec, ctx)).sort((a, b) => (a.MATTHC < b.MATTHC ? -1 : 1));
  linkRelated(procedures, random);
  return procedures;
}

function withNeighbourLevel(pick: ProcedureCandidate, random: SeededRandom): Level[] {
  if (!random.chance(0.08)) return [pick.level];
  const neighbours = pick.sector.levels.filter((level) => Math.abs(level - pick.level) === 1);
  if (neighbours.length === 0) return [pick.level];
  return [pick.level, random.pick(neighbours)].sort((a, b) => a - b);
}

/** Hands out unused codes of a prefix, falling back to the other prefix when one runs out. */
function createCodeSource(random: SeededRandom, reserved: readonly string[]): { next(prefix: '1' | '2'): string } {
  const numbers = Array.from({ length: CODES_PER_PREFIX }, (_, n) => n);
  const free: Record<'1' | '2', string[]> = {
    '1': random.sample(numbers, CODES_PER_PREFIX).map((n) => `1.${String(n).padStart(6, '0')}`),
    '2': random.sample(numbers, CODES_PER_PREFIX).map((n) => `2.${String(n).padStart(6, '0')}`),
  };
  const taken = new Set(reserved);
  return {
    next(prefix) {
      for (const p of [prefix, prefix === '1' ? '2' : '1'] as const) {
        let code = free[p].pop();
        while (code !== undefined && taken.has(code)) code = free[p].pop();
        if (code !== undefined) {
          taken.add(code);
          return code;
        }
      }
      throw new RangeError(`no procedure codes left: at most ${MAX_PROCEDURES} procedures`);
    },
  };
}

function createContext(random: SeededRandom, agencies: AgencyIndex, documents: ReadonlyMap<string, SectorDocuments>): BuildContext {
  let id = 100_000;
  let fee = 0;
  const results = new Map<string, number>();
  return {
    random,
    agencies,
    documents,
    nextId: () => String((id += random.int(1, 9))),
    nextResultCode(ministry) {
      const n = (results.get(ministry) ?? 0) + 1;
      results.set(ministry, n);
      return `KQ.${ministry}.${String(n).padStart(6, '0')}`;
    },
    nextFeeCode: () => `${random.chance(0.8) ? 'LP' : 'PHI'}${String(++fee).padStart(6, '0')}`,
  };
}

/**
 * Fills TTHCLIENQUAN (related procedures of the same sector), TTHCLIENTHONG (procedures
 * done together across sectors, e.g. birth registration with residence) and, in a few
 * papers, MA_KQ_THAYTHE (a result of another procedure that replaces the paper).
 */
function linkRelated(procedures: RawProcedure[], random: SeededRandom): void {
  const sectorOf = (p: RawProcedure): string => p.LINHVUCTHUCHIEN?.[0]?.MALINHVUC ?? '';
  const bySector = new Map<string, RawProcedure[]>();
  for (const p of procedures) {
    const list = bySector.get(sectorOf(p));
    if (list) list.push(p);
    else bySector.set(sectorOf(p), [p]);
  }
  const ref = (p: RawProcedure): RawProcedureRef => ({ MATTHC: p.MATTHC, TENTTHC: p.TENTTHC });
  for (const p of procedures) {
    const siblings = (bySector.get(sectorOf(p)) ?? []).filter((s) => s !== p);
    if (siblings.length > 0 && random.chance(0.4)) p.TTHCLIENQUAN = random.sample(siblings, random.int(1, 3)).map(ref);
    if (procedures.length > 2 && random.chance(0.08)) {
      const partners = new Set<RawProcedure>();
      const wanted = random.int(1, 2);
      while (partners.size < wanted) {
        const other = procedures[random.int(0, procedures.length - 1)] as RawProcedure;
        if (other !== p) partners.add(other);
      }
      p.TTHCLIENTHONG = [...partners].map(ref);
    }
    const cases = p.THANHPHANHOSO ?? [];
    if (siblings.length > 0 && cases.length > 0 && random.chance(0.08)) {
      const paper = random.pick(cases).GIAYTO?.[1];
      const replacement = random.pick(siblings).KETQUATHUCHIEN?.[0]?.MAKETQUA;
      if (paper && replacement) paper.MA_KQ_THAYTHE = replacement;
    }
  }
}
