import type { AgencyRecord, CodeName, ProcedureRecord, SectorRecord } from '../../src/domain/procedure';
import { toNationalProcedureCode } from '../../src/domain';
import { checkReady, type Connector, type HttpClientStats } from '../kit';
import { createAdapterClient } from './client';
import type { NationalProceduresOptions } from './config';
import { mapProcedure } from './map-procedure';
import { mapAgency, mapProcedureSummary, mapSector } from './map-directory';

export type { NationalProceduresOptions } from './config';

/** The national procedure database (CSDLQG về TTHC) in the gateway's own model. */
export interface NationalProceduresConnector extends Connector {
  readonly kind: 'national-procedures';
  readonly stats: HttpClientStats;
  /** Every published procedure's code and name (one `LayDanhSachTTHC` call). */
  listProcedureSummaries(): Promise<CodeName[]>;
  /**
   * One full procedure by national code or local variant code (one `LayThuTuc` call), or
   * null when the source does not know it or the code cannot be resolved to a national one.
   */
  getProcedure(code: string): Promise<ProcedureRecord | null>;
  listAgencies(): Promise<AgencyRecord[]>;
  listSectors(): Promise<SectorRecord[]>;
  /** The national code for a national or local variant code, or null. */
  toNationalCode(code: string): string | null;
}

export function createNationalProceduresConnector(options: NationalProceduresOptions): NationalProceduresConnector {
  const name = options.name ?? 'national-procedures';
  const aliases = options.procedureCodeAliases ?? {};
  const client = createAdapterClient({ ...options, name });
  const toNationalCode = (code: string): string | null => toNationalProcedureCode(code, aliases);

  const listProcedureSummaries = async (): Promise<CodeName[]> =>
    (await client.call('LayDanhSachTTHC')).map(mapProcedureSummary).filter((p): p is CodeName => p !== null);

  return {
    name,
    kind: 'national-procedures',
    stats: client.http.stats,
    resilience: client.http.resilience,
    toNationalCode,
    listProcedureSummaries,
    async getProcedure(code) {
      const national = toNationalCode(code);
      if (national === null) return null;
      const records = (await client.call('LayThuTuc', { maTTHC: national })).map(mapProcedure);
      // Only the record asked for: another code in the answer must not be cached under this one.
      return records.find((r) => r?.code === national) ?? null;
    },
    async listAgencies() {
      return (await client.call('LayDanhMucCoQuan')).map(mapAgency).filter((a): a is AgencyRecord => a !== null);
    },
    async listSectors() {
      return (await client.call('LayDanhMucLinhVuc')).map(mapSector).filter((s): s is SectorRecord => s !== null);
    },
    checkReady: () =>
      checkReady(name, 'national-procedures', async () => {
        const sectors = await client.call('LayDanhMucLinhVuc');
        return { sectors: sectors.length };
      }, client.http.resilience),
    close: () => client.close(),
  };
}
