import { generateDossiers } from '../generate-dossiers';
import type { Dossier } from '../types';
import { AGENCIES, PROCEDURES, SEED, vnDay } from './helpers';

const NOW = Date.parse('2026-11-01T09:00:00+07:00');
const generate = (count: number, seed = SEED, provinceCode = 'H56'): Dossier[] => generateDossiers({ seed, provinceCode, agencies: AGENCIES, procedures: PROCEDURES, count });
const dossiers = generate(3000);
const share = (predicate: (dossier: Dossier) => boolean, among: readonly Dossier[] = dossiers): number => among.filter(predicate).length / among.length;
const finished = dossiers.filter((dossier) => dossier.status === 9 || dossier.status === 10);
const ms = (iso: string | null): number => Date.parse(iso as string);

describe('generateDossiers', () => {
  test('generates the same dossiers for the same options and different ones for another seed or province', () => {
    expect(generate(300)).toEqual(generate(300));
    const other = generate(300, SEED + 1);
    expect(other.map((dossier) => dossier.code)).not.toEqual(generate(300).map((dossier) => dossier.code));
    const elsewhere = generate(300, SEED, 'H41');
    expect(elsewhere.every((dossier) => dossier.agencyCode.endsWith('.H41'))).toBe(true);
    expect(elsewhere[0]?.applicant.fullName === generate(300)[0]?.applicant.fullName && elsewhere[1]?.applicant.fullName === generate(300)[1]?.applicant.fullName).toBe(false);
  });

  test('numbers codes {agency}-{yyMMdd of the listing day}-{nnnn}: unique, and 0001 upwards in listing order each day across the province', () => {
    const codes = new Set(dossiers.map((dossier) => dossier.code));
    expect(codes.size).toBe(dossiers.length);
    const sequences = new Map<string, number[]>();
    for (const dossier of dossiers) {
      const match = /^(\d{3}\.\d{2}\.\d{2}\.H56)-(\d{6})-(\d{4})$/.exec(dossier.code);
      expect(match).not.toBeNull();
      const [, agency, day, sequence] = match as unknown as [string, string, string, string];
      expect(agency).toBe(dossier.agencyCode);
      // Numbered when first listed: received at the desk, or submitted online and never received.
      expect(day).toBe(vnDay(dossier.receivedAt ?? dossier.submittedAt).slice(2));
      sequences.set(day, [...(sequences.get(day) ?? []), Number(sequence)]);
      expect(dossier.receiptNumber).toBe(dossier.code);
    }
    // In listing order, so already ascending: 1, 2, 3, … on every day.
    for (const numbers of sequences.values()) expect(numbers).toEqual(numbers.map((_, index) => index + 1));
  });

  test('gives every applicant a 12-digit CCCD whose century, sex and year digits agree with the birth date', () => {
    for (const { applicant } of dossiers) {
      expect(applicant.identityNumber).toMatch(/^0\d{2}[0-3]\d{8}$/);
      const year = Number(applicant.birthDate.slice(0, 4));
      const century = Number(applicant.identityNumber[3]);
      expect(century).toBe((year >= 2000 ? 2 : 0) + (applicant.gender === 'female' ? 1 : 0));
      expect(applicant.identityNumber.slice(4, 6)).toBe(applicant.birthDate.slice(2, 4));
      expect(applicant.identityType).toBe(1);
      expect(applicant.identityIssuedDate >= '2016-01-01').toBe(true);
    }
    // Most applicants were born in the province (Thanh Hóa is 038).
    expect(share((dossier) => dossier.applicant.identityNumber.startsWith('038'))).toBeGreaterThan(0.7);
  });

  test('gives 10-digit mobile numbers, Vietnamese names, addresses in the province and an email only sometimes', () => {
    for (const { applicant } of dossiers) {
      expect(applicant.phone).toMatch(/^0[35789]\d{8}$/);
      expect(applicant.fullName.split(' ').length).toBeGreaterThanOrEqual(3);
      expect(applicant.address.province).toBe('tỉnh Thanh Hóa');
      expect(applicant.address.full).toBe(`${applicant.address.village}, ${applicant.address.commune}, ${applicant.address.district}, tỉnh Thanh Hóa`);
    }
    const withEmail = share((dossier) => dossier.applicant.email !== null);
    expect(withEmail).toBeGreaterThan(0.2);
    expect(withEmail).toBeLessThan(0.8);
  });

  test('places dossiers at the province departments, districts and communes of the national directory', () => {
    const directory = new Map(AGENCIES.map((agency) => [agency.MADONVI, agency]));
    for (const dossier of dossiers) {
      const agency = directory.get(dossier.agencyCode);
      expect(agency?.TENDONVI).toBe(dossier.agencyName);
      expect(agency?.CAPDONVI).toBe(String(dossier.agencyLevel));
      expect(dossier.agencyCode).not.toBe('000.00.00.H56');
    }
    expect(new Set(dossiers.map((dossier) => dossier.agencyLevel))).toEqual(new Set([1, 2, 3]));
  });

  test('has online dossiers for 40–70%, some by post, and 5–15% of finished ones late', () => {
    const online = share((dossier) => dossier.channel === 2);
    expect(online).toBeGreaterThan(0.4);
    expect(online).toBeLessThan(0.7);
    expect(share((dossier) => dossier.channel === 3)).toBeGreaterThan(0.01);
    const late = share((dossier) => ms(dossier.finishedAt) > ms(dossier.appointmentAt), finished);
    expect(late).toBeGreaterThan(0.05);
    expect(late).toBeLessThan(0.15);
  });

  test('records about one procedure code in five as a local variant embedding the national code', () => {
    const variants = dossiers.filter((dossier) => dossier.procedureCode !== dossier.nationalProcedureCode);
    expect(variants.length / dossiers.length).toBeGreaterThan(0.1);
    expect(variants.length / dossiers.length).toBeLessThan(0.3);
    for (const dossier of variants) {
      expect([`${dossier.nationalProcedureCode}.000.00.00.H56`, `${dossier.nationalProcedureCode}.H56`]).toContain(dossier.procedureCode);
    }
    expect(new Set(variants.map((dossier) => dossier.procedureCode.split('.').length))).toEqual(new Set([3, 6]));
    expect(dossiers.every((dossier) => PROCEDURES.some((procedure) => procedure.code === dossier.nationalProcedureCode))).toBe(true);
  });

  test('spreads statuses as real desks do: mostly returned or processed, some in progress, a few of each other code', () => {
    const counts = new Map<number, number>();
    for (const dossier of dossiers) counts.set(dossier.status, (counts.get(dossier.status) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(((counts.get(10) ?? 0) + (counts.get(9) ?? 0)) / dossiers.length).toBeGreaterThan(0.8);
    expect((counts.get(4) ?? 0) / dossiers.length).toBeGreaterThan(0.02);
    expect((counts.get(4) ?? 0) / dossiers.length).toBeLessThan(0.1);
    const extension = dossiers.filter((dossier) => dossier.awaitingExtension);
    expect(extension.length).toBeGreaterThan(0);
    expect(extension.every((dossier) => dossier.status === 4)).toBe(true);
  });

  test('keeps instants in order, before now, received in office hours on working days, over about three years', () => {
    const problems: string[] = [];
    const check = (ok: boolean, dossier: Dossier, rule: string): void => {
      if (!ok) problems.push(`${dossier.code}: ${rule}`);
    };
    for (const dossier of dossiers) {
      const submitted = ms(dossier.submittedAt);
      check(submitted <= NOW && ms(dossier.updatedAt) <= NOW, dossier, 'submitted and updated before now');
      check(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/.test(dossier.submittedAt), dossier, 'ISO with +07:00');
      if (dossier.receivedAt !== null) {
        const received = ms(dossier.receivedAt);
        const local = new Date(received + 7 * 3_600_000);
        const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
        check(received >= submitted, dossier, 'received after submitted');
        check(local.getUTCDay() >= 1 && local.getUTCDay() <= 5, dossier, 'received on a weekday');
        check((minute >= 450 && minute < 690) || (minute >= 810 && minute < 1020), dossier, 'received in office hours');
        check(ms(dossier.appointmentAt) > received, dossier, 'appointment after reception');
      }
      if (dossier.finishedAt !== null) check(ms(dossier.finishedAt) > ms(dossier.receivedAt ?? dossier.submittedAt), dossier, 'finished after reception');
      if (dossier.returnedAt !== null) check(ms(dossier.returnedAt) >= ms(dossier.finishedAt), dossier, 'returned after finished');
      for (const step of dossier.steps) check(ms(step.start) <= NOW && (step.end === null || ms(step.end) >= ms(step.start)), dossier, 'steps in order before now');
    }
    expect(problems).toEqual([]);
    const oldest = Math.min(...dossiers.map((dossier) => ms(dossier.receivedAt ?? dossier.submittedAt)));
    expect((NOW - oldest) / 86_400_000).toBeGreaterThan(900);
    expect((NOW - oldest) / 86_400_000).toBeLessThan(1200);
  });

  test('gives each status the dates, steps and papers it implies', () => {
    const problems: string[] = [];
    const check = (ok: boolean, dossier: Dossier, rule: string): void => {
      if (!ok) problems.push(`${dossier.code} (status ${dossier.status}): ${rule}`);
    };
    for (const dossier of dossiers) {
      const { status } = dossier;
      const last = dossier.steps[dossier.steps.length - 1];
      check((dossier.receivedAt === null) === (status === 1 || status === 3), dossier, 'received unless 1 or 3');
      check((dossier.appointmentAt === null) === (status === 1 || status === 3), dossier, 'appointment unless 1 or 3');
      check((dossier.finishedAt !== null) === [3, 7, 8, 9, 10].includes(status), dossier, 'finished for 3, 7, 8, 9, 10');
      check((dossier.returnedAt !== null) === (status === 10), dossier, 'returned for 10');
      check((dossier.accepter === null) === (dossier.receivedAt === null), dossier, 'accepter when received');
      check((dossier.resultPapers.length > 0) === (status === 9 || status === 10), dossier, 'result papers for 9 and 10');
      check(dossier.steps.length >= 2 && dossier.steps.length <= 6, dossier, '2 to 6 steps');
      check((last?.end === null) === [1, 2, 4, 5, 6].includes(status), dossier, 'open last step while in progress');
      if (last?.end === null) check(last.status === String(status), dossier, 'open step carries the dossier status');
      if (status === 10) check(last?.status === '10', dossier, 'last step of a returned dossier is the return');
      if (dossier.channel === 2) check(dossier.steps[0]?.content === 'Nộp hồ sơ trực tuyến', dossier, 'online dossiers start with the submission');
      check(dossier.submittedPapers.length > 0, dossier, 'submitted papers');
    }
    expect(problems).toEqual([]);
  });

  test('generates 20,000 dossiers in a few seconds of CPU time', () => {
    // CPU time rather than wall time, so a loaded machine cannot fail the test.
    const started = process.cpuUsage();
    const all = generate(20000);
    const used = process.cpuUsage(started);
    expect(all).toHaveLength(20000);
    expect(new Set(all.map((dossier) => dossier.code)).size).toBe(20000);
    expect((used.user + used.system) / 1000).toBeLessThan(6_000);
  });

  test('refuses a province the directory does not model, and an empty procedure list, with a clear message', () => {
    expect(() => generateDossiers({ seed: 1, provinceCode: 'H99', agencies: AGENCIES, procedures: PROCEDURES, count: 1 })).toThrow(/no province H99/);
    expect(() => generateDossiers({ seed: 1, provinceCode: 'H04', agencies: AGENCIES, procedures: PROCEDURES, count: 1 })).toThrow(/no districts/);
    expect(() => generateDossiers({ seed: 1, provinceCode: 'H56', agencies: AGENCIES, procedures: [], count: 1 })).toThrow(/procedures/);
  });
});
