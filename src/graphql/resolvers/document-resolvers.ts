import {
  buildEdxmlDocument,
  buildEdxmlStatus,
  EDXML_STATUS_CODES,
  isEdxmlStatusCode,
  type EdxmlDocument,
  type EdxmlOrgan,
  type EdxmlStatus,
} from '../../../connectors/document-exchange';
import { formatVietnamDateTime } from '../../../connectors/kit';
import { attachmentSignatureOf, signatureOf, type DocumentCopy } from '../../documents';
import { isMediaType, newestFirstKey } from '../../domain';
import { GatewayError } from '../../errors';
import type { DocumentAttachmentResolvers, DocumentResolvers, DocumentStatusResolvers, MutationResolvers, QueryResolvers } from '../../generated/graphql';
import type { GatewayContext } from '../context';
import { canSee, needJurisdiction, needScope, needToActFor } from '../authorize';
import { paginateSorted } from '../paginate';

/** Reads the axis for what is new, noting each system that failed as a warning. */
async function refreshed(ctx: GatewayContext): Promise<void> {
  ctx.warnings.push(...(await ctx.sources.documents.refresh()));
}

/** Newest exchanged first, then by id. */
function documentSortKey(copy: DocumentCopy): string {
  return newestFirstKey(copy.at, copy.id);
}

function currentStatusOf(copy: DocumentCopy, ctx: GatewayContext): EdxmlStatus | null {
  const history = historyOf(copy, ctx);
  return history[history.length - 1] ?? null;
}

/** The sender sees every recipient's statuses; a recipient, the ones it sent itself. */
function historyOf(copy: DocumentCopy, ctx: GatewayContext): EdxmlStatus[] {
  const all = ctx.sources.documents.statusesOf(copy.document.documentId);
  return copy.direction === 'OUTGOING' ? all : all.filter((s) => s.from.organId === copy.agencyCode);
}

async function organ(code: string, ctx: GatewayContext): Promise<EdxmlOrgan> {
  const agency = ctx.loaders.agencyNow(code);
  return agency.name ? { organId: code, organName: agency.name } : { organId: code };
}

function vietnamToday(): string {
  return formatVietnamDateTime(new Date()).slice(0, 10);
}

export const documentQueries: Pick<QueryResolvers, 'document' | 'documents'> = {
  async document(_root, { id }, ctx) {
    needScope(ctx, 'documents:read');
    await refreshed(ctx);
    const copy = ctx.sources.documents.copy(id);
    // Another agency's copy answers as if it did not exist.
    return copy && canSee(ctx, copy.agencyCode) ? copy : null;
  },
  async documents(_root, { filter, first, after }, ctx) {
    needScope(ctx, 'documents:read');
    if (filter?.agency) needJurisdiction(ctx, filter.agency);
    await refreshed(ctx);
    // Messages that could not be read are reported next to the ones that could, never dropped silently.
    const concerns = (source: string, agencyCode: string) => (!filter?.agency || ctx.sources.documents.connectorFor(filter.agency)?.name === source) && canSee(ctx, agencyCode);
    for (const b of ctx.sources.documents.broken()) {
      if (!concerns(b.source, b.agencyCode)) continue;
      ctx.warnings.push(new GatewayError(b.error.code, `message ${b.axisId} received by ${b.source} could not be read: ${b.error.message}`, { ...b.error.extensions, source: b.source, axisId: b.axisId }));
    }
    for (const w of ctx.sources.documents.withheld()) {
      if (!concerns(w.source, w.agencyCode)) continue;
      ctx.warnings.push(
        new GatewayError('SIGNATURE_NOT_VERIFIED', `document ${w.documentId} (message ${w.axisId} received by ${w.source}) is withheld: its signature is ${w.status}${w.reason ? `: ${w.reason}` : ''}`, {
          source: w.source,
          axisId: w.axisId,
          signatureStatus: w.status,
        }),
      );
    }
    const from = filter?.from ? Date.parse(String(filter.from)) : null;
    const to = filter?.to ? Date.parse(String(filter.to)) : null;
    const matches = ctx.sources.documents
      .copies()
      .filter((c) => canSee(ctx, c.agencyCode))
      .filter((c) => !filter?.agency || c.agencyCode === filter.agency)
      .filter((c) => !filter?.direction || c.direction === filter.direction)
      .filter((c) => (from === null && to === null) || (c.at !== null && (from === null || Date.parse(c.at) >= from) && (to === null || Date.parse(c.at) < to)))
      .filter((c) => !filter?.status || currentStatusOf(c, ctx)?.statusCode === filter.status)
      .filter((c) => !filter?.signatureStatus || filter.signatureStatus.includes(signatureOf(c).status))
      .sort((a, b) => (documentSortKey(a) < documentSortKey(b) ? -1 : 1));
    const { freshness: _unused, ...page } = paginateSorted(matches, documentSortKey, { first, after }, (c) => c, { stale: false, asOf: null, reason: null });
    return page;
  },
};

export const documentMutations: Pick<MutationResolvers, 'sendDocument' | 'acknowledgeDocument'> = {
  async sendDocument(_root, { input }, ctx) {
    needScope(ctx, 'documents:send');
    needToActFor(ctx, input.from);
    const connector = ctx.sources.documents.connectorFor(input.from);
    if (!connector) throw new GatewayError('BAD_USER_INPUT', `"from" must be an agency whose document system is connected through the gateway; ${JSON.stringify(input.from)} is not`);
    if (input.to.length === 0) throw new GatewayError('BAD_USER_INPUT', '"to" must name at least one recipient agency');
    const date = input.promulgationDate ?? vietnamToday();
    const attachments = (input.attachments ?? []).map((a, i) => {
      const content = Buffer.from(a.contentBase64, 'base64');
      if (content.toString('base64').replace(/=+$/, '') !== a.contentBase64.replace(/\s/g, '').replace(/=+$/, '')) {
        throw new GatewayError('BAD_USER_INPUT', `attachments[${i}].contentBase64 is not valid base64`);
      }
      if (!isMediaType(a.contentType)) {
        throw new GatewayError('BAD_USER_INPUT', `attachments[${i}].contentType must be a media type such as application/pdf; got ${JSON.stringify(a.contentType.slice(0, 100))}`);
      }
      return { contentId: `cid:${i + 1}`, name: a.name, contentType: a.contentType, description: a.description ?? undefined, content, size: content.length };
    });
    const businessType = input.businessType ?? 'NEW';
    const document: EdxmlDocument = {
      from: await organ(input.from, ctx),
      to: await Promise.all(input.to.map((code) => organ(code, ctx))),
      documentId: `${input.from},${date.replace(/-/g, '/')},${input.number}/${input.notation}`,
      code: { codeNumber: input.number, codeNotation: input.notation },
      promulgationInfo: { place: input.promulgationPlace ?? undefined, date },
      documentType: { type: input.typeCode ?? 1, typeName: input.typeName ?? 'Công văn' },
      subject: input.subject,
      content: input.content ?? undefined,
      signerInfo: { position: input.signerPosition ?? undefined, fullName: input.signerName ?? undefined },
      dueDate: input.dueDate ?? undefined,
      toPlaces: [],
      otherInfo: { priority: input.priority ?? 0, appendixes: [] },
      responseFor: [],
      traces: [{ organId: input.from, timestamp: formatVietnamDateTime(new Date()) }],
      business: {
        businessDocType: businessType,
        businessDocReason: input.businessReason ?? undefined,
        documentId: businessType === 'NEW' ? undefined : (input.replaces ?? undefined),
        replacementInfo: businessType === 'REPLACEMENT' && input.replaces ? [{ documentId: input.replaces, organIds: input.to }] : [],
      },
      attachments,
      signature: { present: false, xmldsigNamespace: false, enveloped: false, hasX509Certificate: false, verification: 'NOT_VERIFIED' },
    };
    const xml = buildEdxmlDocument(document);
    const { docId, signatures } = await connector.sendDocument(xml);
    ctx.sources.documents.recordSent(connector, docId, { kind: 'document', document }, signatures);
    // Read the delivery state back at once: it is the document's first status.
    ctx.warnings.push(...(await ctx.sources.documents.refresh({ force: true })));
    return ctx.sources.documents.copy(`${connector.name}:${docId}`)!;
  },
  async acknowledgeDocument(_root, { id, status, description }, ctx) {
    needScope(ctx, 'documents:send');
    if (!isEdxmlStatusCode(status)) {
      throw new GatewayError('BAD_USER_INPUT', `"status" must be a QCVN 102:2016 StatusCode (${Object.keys(EDXML_STATUS_CODES).join(', ')}); got ${JSON.stringify(status)}`);
    }
    await refreshed(ctx);
    const copy = ctx.sources.documents.copy(id);
    if (!copy || !canSee(ctx, copy.agencyCode)) throw new GatewayError('NOT_FOUND', `document ${JSON.stringify(id)} does not exist`);
    needToActFor(ctx, copy.agencyCode);
    if (copy.direction !== 'INCOMING') throw new GatewayError('BAD_USER_INPUT', 'only a recipient acknowledges a document; this copy is the sender\'s');
    const connector = ctx.sources.documents.connectorFor(copy.agencyCode)!;
    const { document } = copy;
    const message: EdxmlStatus = {
      from: await organ(copy.agencyCode, ctx),
      responseFor: { organId: document.from.organId, code: `${document.code.codeNumber}/${document.code.codeNotation}`, promulgationDate: document.promulgationInfo.date, documentId: document.documentId },
      statusCode: status,
      statusLabel: EDXML_STATUS_CODES[status].label,
      description: description ?? EDXML_STATUS_CODES[status].label,
      timestamp: formatVietnamDateTime(new Date()),
      traces: [],
    };
    const { docId } = await connector.sendStatus(buildEdxmlStatus(message));
    ctx.sources.documents.recordSent(connector, docId, { kind: 'status', status: message });
    return copy;
  },
};

export const Document: DocumentResolvers = {
  documentId: (c) => c.document.documentId,
  holder: (c, _a, ctx) => ctx.loaders.agencyNow(c.agencyCode),
  number: (c) => c.document.code.codeNumber,
  notation: (c) => c.document.code.codeNotation,
  type: (c) => ({ code: c.document.documentType.type ?? null, detail: c.document.documentType.typeDetail ?? null, name: c.document.documentType.typeName ?? null }),
  subject: (c) => c.document.subject ?? null,
  content: (c) => c.document.content ?? null,
  sender: (c, _a, ctx) => {
    const agency = ctx.loaders.agencyNow(c.document.from.organId);
    return agency.name ? agency : { ...agency, name: c.document.from.organName ?? null };
  },
  recipients: (c, _a, ctx) =>
    c.document.to.map((o) => {
      const agency = ctx.loaders.agencyNow(o.organId);
      return agency.name ? agency : { ...agency, name: o.organName ?? null };
    }),
  promulgationPlace: (c) => c.document.promulgationInfo.place ?? null,
  promulgationDate: (c) => c.document.promulgationInfo.date ?? null,
  signer: (c) => ({ competence: c.document.signerInfo.competence ?? null, position: c.document.signerInfo.position ?? null, fullName: c.document.signerInfo.fullName ?? null }),
  dueDate: (c) => c.document.dueDate ?? null,
  priority: (c) => c.document.otherInfo.priority ?? null,
  businessType: (c) => c.document.business.businessDocType,
  replaces: (c) => [...new Set([...(c.document.business.documentId && c.document.business.businessDocType !== 'NEW' ? [c.document.business.documentId] : []), ...c.document.business.replacementInfo.map((r) => r.documentId)])],
  businessReason: (c) => c.document.business.businessDocReason ?? null,
  attachments: (c) =>
    c.document.attachments.map((attachment) => ({
      copyId: c.id,
      attachment,
      signature: attachmentSignatureOf(c, attachment.contentId),
    })),
  signature: (c) => signatureOf(c),
  statusHistory: (c, _a, ctx) => historyOf(c, ctx),
  currentStatus: (c, _a, ctx) => currentStatusOf(c, ctx),
  deliveries: (c, _a, ctx) =>
    ctx.sources.documents.deliveriesOf(c).map((d) => ({
      recipient: ctx.loaders.agencyNow(d.to ?? ''),
      delivered: d.delivered,
      acknowledgement: d.acknowledgement === null ? null : d.acknowledgement.toUpperCase(),
      note: d.deliveryNote,
      sentAt: d.sentAt,
      acknowledgedAt: d.acknowledgedAt,
    })),
  exchangedAt: (c) => c.at,
};

export const DocumentAttachment: DocumentAttachmentResolvers = {
  contentId: (a) => a.attachment.contentId,
  name: (a) => a.attachment.name,
  contentType: (a) => a.attachment.contentType ?? null,
  description: (a) => a.attachment.description ?? null,
  size: (a) => a.attachment.size ?? null,
  // Bytes dropped from memory (size kept) are still downloadable: the route reads them again.
  downloadPath: (a) => (!a.attachment.error && (a.attachment.content || a.attachment.size !== undefined) ? `/documents/${encodeURIComponent(a.copyId)}/attachments/${encodeURIComponent(a.attachment.contentId)}` : null),
  error: (a) => a.attachment.error?.message ?? null,
  signature: (a) => a.signature,
};

export const DocumentStatus: DocumentStatusResolvers = {
  code: (s) => s.statusCode,
  label: (s) => EDXML_STATUS_CODES[s.statusCode].label,
  description: (s) => s.description ?? null,
  by: (s, _a, ctx) => ctx.loaders.agencyNow(s.from.organId),
  staff: (s) => s.staffInfo?.staff ?? null,
  department: (s) => s.staffInfo?.department ?? null,
  at: (s) => s.timestamp,
};
