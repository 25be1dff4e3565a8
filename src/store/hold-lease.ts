import { GatewayError } from '../errors';
import type { LeaseFence, LeaseRepository } from './dossier-repository';

/** A lease being held for a piece of work. */
export interface HeldLease {
  /** What every fenced write of the work carries. */
  fence: LeaseFence;
  /** LEASE_LOST once a renewal found the lease taken by another holder; null while it is held. */
  lost(): GatewayError | null;
}

export interface HoldLeaseOptions {
  name: string;
  holder: string;
  ttlMs: number;
  /** Told at once when a renewal finds the lease gone (e.g. to abort a pass). */
  onLost?: (error: GatewayError) => void;
  /** Told when a renewal could not reach the store (the lease may still expire). */
  onRenewError?: (err: unknown) => void;
}

/**
 * Runs `work` under the lease `name` when it can be taken (resolves null, running nothing,
 * when another holder has it): the lease is renewed every third of its time to live while
 * the work runs, and released when it ends, however it ends. A renewal that finds the lease
 * gone makes `lost()` answer LEASE_LOST; the work checks it between steps, and every
 * fenced write refuses anyway, so a stalled holder never writes over its successor.
 */
export async function holdLease<T>(leases: LeaseRepository, { name, holder, ttlMs, onLost, onRenewError }: HoldLeaseOptions, work: (held: HeldLease) => Promise<T>): Promise<T | null> {
  const lease = await leases.acquire(name, holder, ttlMs);
  if (!lease) return null;
  const fence: LeaseFence = { name: lease.name, holder: lease.holder, token: lease.token };
  let lost: GatewayError | null = null;
  const renew = setInterval(() => {
    leases.renew(fence, ttlMs).then(
      (held) => {
        if (held || lost) return;
        lost = new GatewayError('LEASE_LOST', `the lease ${name} passed to another replica`, { lease: name });
        onLost?.(lost);
      },
      (err: unknown) => onRenewError?.(err),
    );
  }, Math.max(250, Math.floor(ttlMs / 3)));
  renew.unref();
  try {
    return await work({ fence, lost: () => lost });
  } finally {
    clearInterval(renew);
    await leases.release(fence).catch(() => undefined);
  }
}
