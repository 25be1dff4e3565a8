import type { SeededRandom } from '../kit';
import type { RawProcedure } from './types';
import { toIsoDate } from './vn-date';

type ArrayKey = 'COQUANDUOCUYQUYEN' | 'COQUANPHOIHOP' | 'TTHCLIENQUAN' | 'TTHCLIENTHONG' | 'CANCUPHAPLY' | 'DOITUONGTHUCHIEN' | 'THANHPHANHOSO' | 'TRINHTUTHUCHIEN';
type BlankableKey = 'YEUCAU' | 'MOTA' | 'TUKHOA' | 'DIACHITIEPNHAN' | 'MOTADOITUONGTHUCHIEN' | 'MOTACOQUANTHUCHIEN';

/**
 * Arrays that may be missing or `null`. CAPTHUCHIEN, LINHVUCTHUCHIEN, COQUANTHUCHIEN,
 * COQUANCOTHAMQUYEN and CACHTHUCTHUCHIEN stay present (our reading: the national database
 * validates those before publishing), and KETQUATHUCHIEN too because other records'
 * MA_KQ_THAYTHE point into it; their nested arrays may still be `null`.
 */
const LOOSE_ARRAYS: readonly ArrayKey[] = ['COQUANDUOCUYQUYEN', 'COQUANPHOIHOP', 'TTHCLIENQUAN', 'TTHCLIENTHONG', 'CANCUPHAPLY', 'DOITUONGTHUCHIEN', 'THANHPHANHOSO', 'TRINHTUTHUCHIEN'];
const BLANKABLE: readonly BlankableKey[] = ['YEUCAU', 'MOTA', 'TUKHOA', 'DIACHITIEPNHAN', 'MOTADOITUONGTHUCHIEN', 'MOTACOQUANTHUCHIEN'];
const PADDINGS: ReadonlyArray<readonly [string, string]> = [[' ', ''], ['', ' '], ['  ', '  '], ['', '\n'], ['\t', ' ']];

/**
 * Makes records look like the real feed, which a connector must survive: in a few
 * percent of records each, empty strings for absent values, a nested array missing or
 * `null`, a fee of `""` or `"0"`, a time limit of `"0.5"` or `""`, legal-basis dates as
 * `yyyy-MM-dd` instead of `dd/MM/yyyy`, and whitespace around names. Mutates the records
 * in place; those whose code is in `spared` stay clean. Deterministic for a given `random`.
 */
export function addRealisticMess(procedures: RawProcedure[], random: SeededRandom, spared: ReadonlySet<string>): void {
  for (const p of procedures) {
    if (spared.has(p.MATTHC)) continue;
    if (random.chance(0.05)) for (const key of random.sample(BLANKABLE, random.int(1, 3))) p[key] = '';
    if (random.chance(0.03)) delete p[random.pick(LOOSE_ARRAYS)];
    if (random.chance(0.03)) nullSomeArray(p, random);
    if (random.chance(0.04)) blankFee(p, random);
    if (random.chance(0.03)) oddTimeLimit(p, random);
    if (random.chance(0.08)) isoDates(p, random);
    if (random.chance(0.04)) p.TENTTHC = pad(p.TENTTHC, random);
    if (random.chance(0.02)) {
      const ref = random.pick([...(p.COQUANTHUCHIEN ?? []), ...(p.LINHVUCTHUCHIEN ?? [])]) as { TENDONVI?: string; TENLINHVUC?: string } | undefined;
      if (ref?.TENDONVI !== undefined) ref.TENDONVI = pad(ref.TENDONVI, random);
      else if (ref?.TENLINHVUC !== undefined) ref.TENLINHVUC = pad(ref.TENLINHVUC, random);
    }
  }
}

function nullSomeArray(p: RawProcedure, random: SeededRandom): void {
  const nested = [
    ...(p.CACHTHUCTHUCHIEN ?? []).flatMap((c) => [() => (c.THOIGIAN = null), ...(c.THOIGIAN ?? []).map((t) => () => (t.PHILEPHI = null))]),
    ...(p.THANHPHANHOSO ?? []).map((c) => () => (c.GIAYTO = null)),
    ...(p.TRINHTUTHUCHIEN ?? []).map((c) => () => (c.TRINHTU = null)),
  ];
  if (nested.length > 0 && random.chance(0.5)) random.pick(nested)();
  else p[random.pick(LOOSE_ARRAYS)] = null;
}

function blankFee(p: RawProcedure, random: SeededRandom): void {
  const fees = (p.CACHTHUCTHUCHIEN ?? []).flatMap((c) => (c.THOIGIAN ?? []).flatMap((t) => t.PHILEPHI ?? []));
  if (fees.length > 0) random.pick(fees).SOTIEN = random.pick(['', '0']);
}

function oddTimeLimit(p: RawProcedure, random: SeededRandom): void {
  const limits = (p.CACHTHUCTHUCHIEN ?? []).flatMap((c) => c.THOIGIAN ?? []);
  if (limits.length > 0) random.pick(limits).THOIGIANGIAIQUYET = random.pick(['0.5', '']);
}

function isoDates(p: RawProcedure, random: SeededRandom): void {
  const basis = p.CANCUPHAPLY ?? [];
  if (basis.length === 0) return;
  const doc = random.pick(basis);
  doc.NGAYBANHANH = toIsoDate(doc.NGAYBANHANH);
  doc.NGAYHIEULUC = toIsoDate(doc.NGAYHIEULUC);
}

function pad(text: string, random: SeededRandom): string {
  const [before, after] = random.pick(PADDINGS);
  return `${before}${text}${after}`;
}
