import { GatewayError, isGatewayError } from '../../src/errors';
import type { PortalClient, PortalReply } from './client';
import { mapPortalDossier, type PortalDossier, type PortalDossierInput, type PortalOmission } from './map-portal-dossier';

/** One dossier to push, and what the caller knows about it. */
export interface PushDossierInput extends PortalDossierInput {
  /**
   * Whether the portal holds the dossier, when the caller knows: `true` after one of its
   * pushes came back `created` or `updated`; `false` only when no push of it was ever
   * sent. Leave it out after a failed attempt (it may have reached the portal). With
   * `lookupBeforePush: 'when-unknown'`, a given value saves the `TraCuuHoSo` call.
   */
  knownToPortal?: boolean;
}

/** What a push did. */
export interface PushResult {
  /** `created` when the dossier is new to the portal, `updated` when it replaced the portal's copy. */
  outcome: 'created' | 'updated';
  /** Steps sent with CapNhatTienDoHoSoMC (0: none to send, and no call made). */
  stepsPushed: number;
  /** What was left out because the portal could not take it (see PortalOmission). */
  omitted: PortalOmission[];
}

/** Whether a push failure is final for this dossier's content (dead letter) rather than worth retrying. */
export function isPermanentPushFailure(err: unknown): boolean {
  return isGatewayError(err) && err.code === 'UPSTREAM_REJECTED';
}

/**
 * The push of one dossier (docs/sources.md §4; the connector README states the contract):
 * 1. map it (a dossier the portal could not take: UPSTREAM_REJECTED with `reason`, nothing sent);
 * 2. `TraCuuHoSo` unless the caller says whether the portal holds it (and the option allows);
 * 3. `DongBoHoSoMC` with `isUpdating` "False" (create) or "True" (update); a create answered
 *    "already exists" is sent again once as an update, an update answered "does not exist"
 *    once as a create — once, never in a loop;
 * 4. when that answered `error_code` 0 and there are steps, `CapNhatTienDoHoSoMC` with all of
 *    them (the portal keeps one of each, so sending them again is harmless).
 * A failure after step 3 carries `extensions.dossierWritten` (`created` / `updated`).
 */
export function createPushDossier(client: PortalClient, { source, lookupBeforePush }: { source: string; lookupBeforePush: 'always' | 'when-unknown' }) {
  /** The portal's copy of one dossier (`TraCuuHoSo`), `{}` when it answers "exists" without the record, null when it holds none. */
  async function lookUpDossier(code: string): Promise<Record<string, unknown> | null> {
    const reply = await client.call('TraCuuHoSo', { mahoso: code });
    if (reply.kind !== 'ok') return reply.kind === 'exists' ? {} : null;
    // An item naming another dossier (a portal that searches by prefix) is not this one.
    const item = reply.result.find((entry) => {
      const held = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).MaHoSo : undefined;
      return held === undefined || (typeof held === 'string' && held.trim() === code);
    });
    return item === undefined ? null : typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
  }

  async function hasDossier(code: string): Promise<boolean> {
    return (await lookUpDossier(code)) !== null;
  }

  async function write(dossier: PortalDossier, held: boolean): Promise<'created' | 'updated'> {
    const send = (update: boolean): Promise<PortalReply> => client.call('DongBoHoSoMC', { isUpdating: update ? 'True' : 'False', data: [dossier] });
    const first = await send(held);
    if (first.kind === 'ok') return held ? 'updated' : 'created';
    const fallback = !held && first.kind === 'exists' ? true : held && first.kind === 'not-found' ? false : null;
    if (fallback !== null) {
      const second = await send(fallback);
      if (second.kind === 'ok') return fallback ? 'updated' : 'created';
      throw unexpected(dossier.MaHoSo, [first, second]);
    }
    throw unexpected(dossier.MaHoSo, [first]);
  }

  function unexpected(code: string, replies: PortalReply[]): GatewayError {
    const said = replies.map((r) => (r.kind === 'ok' ? 'ok' : `${r.kind} (error_code ${r.upstreamCode}: ${r.message ?? 'no message'})`));
    const last = replies[replies.length - 1]!;
    return new GatewayError('UPSTREAM_ERROR', `${source} DongBoHoSoMC of ${code} answered ${said.join(', then ')}`, {
      source,
      upstreamCode: last.kind === 'ok' ? '0' : last.upstreamCode,
      upstreamMessage: last.kind === 'ok' ? null : last.message,
    });
  }

  async function pushDossier(input: PushDossierInput): Promise<PushResult> {
    const mapped = mapPortalDossier(input);
    if (!mapped.ok) {
      const { reason, field, message } = mapped.refusal;
      throw new GatewayError('UPSTREAM_REJECTED', `${source} cannot take dossier ${input.dossier.code}: ${message}`, { source, reason, field, dossier: input.dossier.code });
    }
    const { dossier, steps, omitted } = mapped;
    const known = lookupBeforePush === 'when-unknown' ? input.knownToPortal : undefined;
    const outcome = await write(dossier, known ?? (await hasDossier(dossier.MaHoSo)));
    if (steps.length > 0) {
      try {
        const reply = await client.call('CapNhatTienDoHoSoMC', { data: steps });
        if (reply.kind !== 'ok') {
          throw new GatewayError('UPSTREAM_ERROR', `${source} CapNhatTienDoHoSoMC of ${dossier.MaHoSo} answered ${reply.kind} (error_code ${reply.upstreamCode}: ${reply.message ?? 'no message'})`, {
            source,
            upstreamCode: reply.upstreamCode,
            upstreamMessage: reply.message,
          });
        }
      } catch (err) {
        if (!isGatewayError(err)) throw err;
        throw new GatewayError(err.code, err.message, { ...err.extensions, dossierWritten: outcome }, err);
      }
    }
    return { outcome, stepsPushed: steps.length, omitted };
  }

  return { pushDossier, hasDossier, lookUpDossier };
}
