import DataLoader from 'dataloader';
import { mapLimit } from '../../connectors/kit';
import { levelOfAgencyCode } from '../domain';
import { recordOf } from '../dossiers';
import { GatewayError, isGatewayError } from '../errors';
import type { GatewayContext } from './context';
import type { AgencyModel, DossierModel, ProcedureModel, SectorModel } from './models';

export interface Loaders {
  /** Procedures by national code from the catalogue; codes it lacks are read from the source. */
  procedure: DataLoader<string, ProcedureModel | null>;
  /** Procedures read live from the source, falling back to the catalogue (flagged stale) when it fails. */
  liveProcedure: DataLoader<string, ProcedureModel | null>;
  /** Agencies by code from the directory; a code the directory lacks still resolves, named as referenced. */
  agency: DataLoader<string, AgencyModel>;
  sector: DataLoader<string, SectorModel>;
  /** The directory's agency at once, as `agency` loads it: the directory is in memory, so no batch is worth a promise per field. */
  agencyNow(code: string): AgencyModel;
  /** The directory's sector at once, as `sector` loads it. */
  sectorNow(code: string): SectorModel;
  /**
   * A procedure from the catalogue at once (one copy per code per request), as `procedure`
   * loads it; a code the catalogue lacks goes through `procedure` (read from the source, one
   * batch per tick).
   */
  procedureNow(code: string): ProcedureModel | Promise<ProcedureModel | null>;
  /**
   * Dossiers read live from their province (with processing steps), falling back to the
   * stored copy, flagged stale, when the province fails.
   */
  liveDossier: DataLoader<string, DossierModel | null>;
}

/** Upstream calls a single batch may have in flight. */
const BATCH_CONCURRENCY = 8;

export function createLoaders(ctx: GatewayContext): Loaders {
  const { catalogue, nationalProcedures } = ctx.sources;

  const fresh = (): ProcedureModel['freshness'] => ({ stale: false, asOf: new Date(), reason: null });

  /** Codes `procedureNow` found missing from the catalogue: not looked up again (each lookup is counted as a cache request). */
  const missed = new Set<string>();
  const procedure = new DataLoader<string, ProcedureModel | null>(async (codes) => {
    const found = codes.map((code) => (missed.has(code) ? undefined : catalogue.getProcedure(code)));
    const missing = codes.filter((_, i) => found[i] === undefined);
    const live = await mapLimit(missing, BATCH_CONCURRENCY, (code) => nationalProcedures.getProcedure(code));
    const liveByCode = new Map(missing.map((code, i) => [code, live[i]]));
    const catalogueFreshness = catalogue.freshness();
    return codes.map((code, i) => {
      const record = found[i];
      if (record) return { ...record, freshness: catalogueFreshness };
      const result = liveByCode.get(code);
      if (result instanceof Error) return result;
      if (!result) return null;
      catalogue.putProcedure(result);
      return { ...result, freshness: fresh() };
    });
  });

  const liveProcedure = new DataLoader<string, ProcedureModel | null>(async (codes) => {
    const results = await mapLimit(codes, BATCH_CONCURRENCY, (code) => nationalProcedures.getProcedure(code));
    return results.map((result, i) => {
      const code = codes[i]!;
      if (!(result instanceof Error)) {
        if (!result) return null;
        catalogue.putProcedure(result);
        return { ...result, freshness: fresh() };
      }
      const national = nationalProcedures.toNationalCode(code);
      const copy = national ? catalogue.getProcedure(national) : undefined;
      if (!copy || !isGatewayError(result)) return result;
      const asOf = catalogue.freshness().asOf;
      ctx.warnings.push(
        new GatewayError(result.code, `${result.message}; procedure ${copy.code} was served from the catalogue copy of ${asOf?.toISOString() ?? 'unknown date'}`, {
          ...result.extensions,
          servedStale: true,
        }),
      );
      return { ...copy, freshness: { stale: true, asOf, reason: result.code } };
    });
  });

  const agencyNow = (code: string): AgencyModel => catalogue.getAgency(code) ?? { code, name: null, level: levelOfAgencyCode(code) };
  const sectorNow = (code: string): SectorModel => catalogue.getSector(code) ?? { code, name: null };
  const agency = new DataLoader<string, AgencyModel>(async (codes) => codes.map(agencyNow));
  const sector = new DataLoader<string, SectorModel>(async (codes) => codes.map(sectorNow));

  const known = new Map<string, ProcedureModel>();
  let knownFreshness: ProcedureModel['freshness'] | null = null;
  const procedureNow = (code: string): ProcedureModel | Promise<ProcedureModel | null> => {
    const copy = known.get(code);
    if (copy) return copy;
    const record = catalogue.getProcedure(code);
    if (!record) {
      missed.add(code);
      return procedure.load(code);
    }
    const model = { ...record, freshness: (knownFreshness ??= catalogue.freshness()) };
    known.set(code, model);
    return model;
  };

  const liveDossier = new DataLoader<string, DossierModel | null>(async (codes) => {
    const { dossiers } = ctx.sources;
    const results = await mapLimit(codes, BATCH_CONCURRENCY, async (code) => {
      const connector = dossiers.connectorFor(code);
      return connector ? connector.getDossier(code) : null;
    });
    const failed = codes.filter((_, i) => results[i] instanceof Error);
    const [copies, provinces] = failed.length > 0 ? await Promise.all([Promise.all(failed.map((code) => dossiers.get(code))), dossiers.provinces()]) : [[], []];
    const copyOf = new Map(failed.map((code, i) => [code, copies[i] ?? null]));
    return results.map((result, i) => {
      const code = codes[i]!;
      if (!(result instanceof Error)) return result ? { ...result, freshness: fresh() } : null;
      const copy = copyOf.get(code);
      if (!copy || !isGatewayError(result)) return result;
      const asOf = provinces.find((p) => p.source === copy.facts.source)?.asOf ?? null;
      ctx.warnings.push(
        new GatewayError(result.code, `${result.message}; dossier ${code} was served from the copy of ${asOf?.toISOString() ?? 'an earlier read'}`, {
          ...result.extensions,
          servedStale: true,
        }),
      );
      return { ...recordOf(copy), agencyCode: copy.facts.agencyCode, freshness: { stale: true, asOf, reason: result.code } };
    });
  });

  return { procedure, liveProcedure, agency, sector, agencyNow, sectorNow, procedureNow, liveDossier };
}
