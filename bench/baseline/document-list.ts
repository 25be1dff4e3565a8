import { createDocumentExchangeConnector, type EdxmlDocument } from '../../connectors/document-exchange';
import { newestFirstKey } from '../../src/domain';
import type { BaselineOptions } from './baseline-options';
import type { CatalogueCopy } from './open-store-reader';

interface Copy {
  id: string;
  direction: 'INCOMING' | 'OUTGOING';
  at: string | null;
  document: EdxmlDocument;
}

/** Lists read at most this often, as the gateway's registry does (`minRefreshIntervalMs`). */
const REFRESH_MS = 1000;

/**
 * The document list by hand, for one connected system: its inbox and sent lists read at
 * most once a second (single flight), each new message fetched once (getEdoc) and kept,
 * received ones acknowledged `processing` as the gateway does; the page is the newest
 * first. The axis protocol (signed headers, edXML) through the same connector code the
 * gateway uses: it is the protocol, not the gateway.
 */
export function createDocumentList({ documents }: BaselineOptions, catalogue: CatalogueCopy) {
  const connector = createDocumentExchangeConnector(documents);
  const copies = new Map<string, Copy>();
  const seen = new Set<string>();
  let last = 0;
  let running: Promise<void> | null = null;

  async function refresh(): Promise<void> {
    const [received, sent] = await Promise.all([connector.listReceived(), connector.listSent()]);
    const sentAt = new Map(sent.map((s) => [s.docId, s.sentAt]));
    const incoming = new Map(received.map((r) => [r.docId, r]));
    const ids = [...new Set([...received.map((r) => r.docId), ...sent.map((s) => s.docId)])].filter((id) => !seen.has(id));
    const messages = await connector.getMessages(ids);
    messages.forEach((result, i) => {
      const axisId = ids[i]!;
      if (result instanceof Error) return;
      seen.add(axisId);
      if (result.message.kind !== 'document') return;
      const direction = incoming.has(axisId) ? 'INCOMING' : 'OUTGOING';
      const at = direction === 'INCOMING' ? (incoming.get(axisId)?.receivedAt ?? null) : (sentAt.get(axisId) ?? null);
      copies.set(axisId, { id: `${documents.name}:${axisId}`, direction, at, document: result.message.document });
    });
    for (const r of received) if (ids.includes(r.docId) && r.acknowledgement === 'pending') await connector.acknowledge(r.docId, 'processing').catch(() => undefined);
  }

  return {
    get upstreamCalls() {
      return connector.stats.requests;
    },
    async list(first = 20): Promise<unknown> {
      if (Date.now() - last >= REFRESH_MS || running) {
        running ??= refresh().finally(() => {
          last = Date.now();
          running = null;
        });
        await running;
      }
      const sorted = [...copies.values()].sort((a, b) => (newestFirstKey(a.at, a.id) < newestFirstKey(b.at, b.id) ? -1 : 1));
      const nodes = sorted.slice(0, first).map((c) => {
        const sender = catalogue.agencies.get(c.document.from.organId);
        return {
          id: c.id,
          documentId: c.document.documentId,
          direction: c.direction,
          number: c.document.code.codeNumber,
          notation: c.document.code.codeNotation,
          subject: c.document.subject ?? null,
          promulgationDate: c.document.promulgationInfo.date ?? null,
          exchangedAt: c.at,
          sender: { code: c.document.from.organId, name: sender?.name ?? c.document.from.organName ?? null },
        };
      });
      return { data: { documents: { totalCount: sorted.length, nodes } } };
    },
    close: () => connector.close(),
  };
}
