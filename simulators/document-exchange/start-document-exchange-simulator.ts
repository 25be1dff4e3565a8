import { z } from 'zod';
import { startSimServer, type SimServer } from '../kit';
import { createDemoPki, type DemoPki } from './create-demo-pki';
import { createExchange } from './create-exchange';
import { createAgencyDirectory } from './list-agencies';
import { createProtocolHandler } from './create-protocol-handler';
import { signDemoMessage } from './sign-demo-message';
import type { AxisMessageType, AxisSystem, AxisTransportStatus } from './types';

export interface DocumentExchangeSimulatorOptions {
  /** Seed of the agency directory (`generateAgencies`). @default 20240315 */
  seed?: number;
  /** Systems connected from the start; more can join with `registerSystem`. @default DEFAULT_SYSTEMS */
  systems?: AxisSystem[];
  /** Largest edXML message accepted, in bytes. @default 20971520 (20 MiB) */
  maxMessageBytes?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** Make a demo PKI at start (a CA and a signing identity per system given): see `pki` and `signAs`. @default false */
  demoPki?: boolean;
}

/** One inbox entry, as `inbox()` shows it to tests. */
export interface InboxEntry {
  docId: string;
  from: string;
  messageType: AxisMessageType;
  status: AxisTransportStatus;
}

export interface DocumentExchangeSimulator extends SimServer {
  /** Connects a system (or replaces the one with the same `systemId`). */
  registerSystem(system: AxisSystem): void;
  /** The system's messages not yet acknowledged `done`, oldest first. */
  inbox(systemId: string): InboxEntry[];
  /** The exact bytes stored under a sender's or recipient's document id; undefined for an unknown id. */
  stored(docId: string): Buffer | undefined;
  /**
   * Sends a message as `systemId` would with `sendEdoc`, with the same validation and
   * routing; returns the sender's document id.
   * @throws AxisRefusal with the axis' ErrorCode and ErrorDesc.
   */
  sendAs(systemId: string, edxml: string | Buffer, messageType: AxisMessageType): string;
  /**
   * Puts bytes straight into a system's inbox without validating them, as a broken peer
   * would leave them; returns the recipient's document id. For tests of bad input.
   */
  deliverUnchecked(systemId: string, bytes: string | Buffer, options: { from: string; messageType: AxisMessageType }): string;
  /** While suspended, every call of the system is refused with ErrorCode -9. */
  setSuspended(systemId: string, suspended: boolean): void;
  /** The demo PKI made at start (`demoPki: true`), else null. */
  readonly pki: DemoPki | null;
  /**
   * Signs an edXML message as `systemId`'s document system would (enveloped XML-DSig with
   * its demo key, signDemoMessage), ready for `sendAs`.
   * @throws Error without `demoPki`, or for a system started after it.
   */
  signAs(systemId: string, edxml: string | Buffer): Buffer;
}

/** Two systems for demos: the Government Office and Nghệ An's provincial People's Committee. */
export const DEFAULT_SYSTEMS: readonly AxisSystem[] = Object.freeze([
  { systemId: 'vpcp.qlvb', secret: 'demo-secret-g22', agencyCode: '000.00.00.G22', name: 'Văn phòng Chính phủ' },
  { systemId: 'nghean.qlvb', secret: 'demo-secret-h41', agencyCode: '000.00.00.H41', name: 'UBND Tỉnh Nghệ An' },
]);

const systemSchema = z.object({
  systemId: z.string().trim().min(1),
  secret: z.string().min(1),
  agencyCode: z.string().trim().min(1),
  name: z.string(),
});

const optionsSchema = z.object({
  seed: z.number().int(),
  systems: z.array(systemSchema),
  maxMessageBytes: z.number().int().positive(),
  host: z.string().min(1),
  port: z.number().int().min(0).max(65535),
});

/**
 * Starts the simulated national document exchange axis (trục liên thông văn bản quốc
 * gia) on loopback: the SDK's operations at the server root (see README), systems
 * authenticated by their signed `XroadVnpt-*` headers or plain `systemid`/`secret`,
 * edXML stored byte for byte and routed by organ id, with the kit's fault injection and
 * per-operation stats. Invalid options stop start-up with one SIM_OPTIONS_INVALID
 * message naming every bad option and the value that arrived.
 */
export async function startDocumentExchangeSimulator({
  seed = 20240315,
  systems = [...DEFAULT_SYSTEMS],
  maxMessageBytes = 20 * 1024 * 1024,
  host = '127.0.0.1',
  port = 0,
  demoPki = false,
}: DocumentExchangeSimulatorOptions = {}): Promise<DocumentExchangeSimulator> {
  const input: Record<string, unknown> = { seed, systems, maxMessageBytes, host, port };
  const parsed = optionsSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}, got ${JSON.stringify(input[String(issue.path[0])])?.slice(0, 200)}`);
    throw new Error(`SIM_OPTIONS_INVALID: document-exchange simulator options are invalid: ${problems.join('; ')}`);
  }
  const pki = demoPki ? await createDemoPki(systems) : null;
  const exchange = createExchange(maxMessageBytes);
  for (const system of systems) exchange.registerSystem(system);
  const directory = createAgencyDirectory(seed);
  let server: SimServer | undefined;
  const handler = createProtocolHandler({ exchange, agencies: () => directory(exchange.systems()), countAs: (operation) => server?.countAs(operation) });
  // Room for multipart framing above the message limit, so a message just over it still
  // gets the axis' own answer (ErrorCode -6); far larger bodies get the kit's HTTP 413.
  server = await startSimServer({ name: 'document-exchange', handler, host, port, maxBodyBytes: maxMessageBytes * 2 + 1024 * 1024 });

  const systemOf = (systemId: string): AxisSystem => {
    const system = exchange.findSystem(systemId);
    if (!system) throw new Error(`No system ${JSON.stringify(systemId)} is registered; registered: ${exchange.systems().map((s) => s.systemId).join(', ')}`);
    return system;
  };
  const toBuffer = (value: string | Buffer): Buffer => (typeof value === 'string' ? Buffer.from(value, 'utf8') : value);

  return {
    ...server,
    registerSystem: (system) => exchange.registerSystem(systemSchema.parse(system)),
    inbox: (systemId) =>
      exchange.received(systemOf(systemId)).map((d) => ({ docId: d.docId!, from: d.message.fromCode, messageType: d.message.messageType, status: d.status })),
    stored: (docId) => exchange.stored(docId),
    sendAs: (systemId, edxml, messageType) => exchange.send(systemOf(systemId), toBuffer(edxml), messageType),
    deliverUnchecked: (systemId, bytes, { from, messageType }) => exchange.deliverUnchecked(systemOf(systemId), toBuffer(bytes), from, messageType),
    setSuspended: (systemId, suspended) => exchange.setSuspended(systemOf(systemId).systemId, suspended),
    pki,
    signAs(systemId, edxml) {
      const identity = pki?.identities.get(systemOf(systemId).systemId);
      if (!identity) throw new Error(`No demo signing identity for ${JSON.stringify(systemId)}: start the simulator with demoPki: true (identities are made for the systems given at start)`);
      return Buffer.from(signDemoMessage(toBuffer(edxml).toString('utf8'), identity), 'utf8');
    },
  };
}
