import { GatewayError } from '../../errors';
import type { DossierReceiptResolvers, DossierResolvers, ProcedureResolvers, QueryResolvers } from '../../generated/graphql';
import { BOARD_MAX_PROCEDURES } from '../../printing';
import { needScope } from '../authorize';

/** `Procedure.qrCode`: the QR code of the procedure's page on the national portal. */
export const ProcedurePrinting: Pick<ProcedureResolvers, 'qrCode'> = {
  qrCode: (procedure, { format }, ctx) => ctx.sources.printing.procedureQr(procedure.code, format ?? 'SVG'),
};

/** `Dossier.receipt`: the dossier is already one the caller may see; the receipt adds no personal data. */
export const DossierPrinting: Pick<DossierResolvers, 'receipt'> = {
  receipt: (dossier, _args, ctx) => ctx.sources.printing.receipt(dossier.code),
};

export const DossierReceipt: DossierReceiptResolvers = {
  barcode: (receipt, { format }) => receipt.barcode(format ?? 'SVG'),
  qrCode: (receipt, { format }) => receipt.qrCode(format ?? 'SVG'),
};

export const printingQueries: Pick<QueryResolvers, 'procedureBoard'> = {
  async procedureBoard(_root, { agency, format }, ctx) {
    needScope(ctx, 'procedures:read');
    const { catalogue, printing } = ctx.sources;
    await catalogue.whenLoaded(ctx.catalogueWaitMs);
    const known = catalogue.getAgency(agency);
    if (!known) return null;
    const procedures = catalogue.findProcedures({ agency: known.code });
    if (procedures.length > BOARD_MAX_PROCEDURES) {
      throw new GatewayError('BAD_USER_INPUT', `agency ${known.code} has ${procedures.length} procedures; a board prints at most ${BOARD_MAX_PROCEDURES}: print the boards of the units under it`);
    }
    return printing.procedureBoard({ agencyCode: known.code, agencyName: known.name ?? known.code, procedures: procedures.map((p) => ({ code: p.code, name: p.name })) }, format ?? 'SVG');
  },
};
