import mongoose from 'mongoose';
import type { DossierChange, DossierFacts } from '../dossier-repository';
import { dossierSortKey } from '../dossier-sort-key';
import type { ChangeDocument, DossierDocument } from './dossier-models';

/** A dossier as read without its record (to compare, count and move rollups). */
export type FactsDocument = Omit<DossierDocument, 'keyId' | 'sealed'>;

/** The stored document of a dossier: its facts, its list key, and its record as sealed. */
export function dossierDocument(facts: DossierFacts, version: number, changedAt: Date, { keyId, sealed }: { keyId: string; sealed: Buffer }): DossierDocument {
  const [path1, path2, path3, path4] = facts.agencyPaths;
  return {
    _id: facts.code,
    source: facts.source,
    agencyCode: facts.agencyCode,
    path1,
    path2,
    path3,
    path4,
    sortKey: dossierSortKey(facts.listedMs, facts.code),
    listedMs: facts.listedMs,
    receivedMs: facts.receivedMs,
    status: facts.status,
    channel: facts.channel,
    procedure: facts.procedure,
    dueDay: facts.dueDay,
    klass: facts.klass,
    settled: facts.settled,
    updatedAt: facts.updatedAt,
    contentHash: facts.contentHash,
    version,
    changedAt,
    keyId,
    sealed,
  };
}

/** The facts of a stored dossier. */
export function factsOf(document: FactsDocument): DossierFacts {
  return {
    code: document._id,
    source: document.source,
    agencyCode: document.agencyCode,
    agencyPaths: [document.path1, document.path2, document.path3, document.path4],
    listedMs: document.listedMs ?? null,
    receivedMs: document.receivedMs ?? null,
    status: document.status ?? null,
    channel: document.channel ?? null,
    procedure: document.procedure ?? null,
    dueDay: document.dueDay ?? null,
    klass: document.klass,
    settled: document.settled,
    updatedAt: document.updatedAt ?? null,
    contentHash: document.contentHash,
  };
}

/** A change-log entry as the port gives it. */
export function changeOf(document: ChangeDocument): DossierChange {
  return {
    seq: document._id,
    code: document.code,
    source: document.source,
    version: document.version,
    agencyCode: document.agencyCode,
    oldStatus: document.oldStatus ?? null,
    newStatus: document.newStatus ?? null,
    kind: document.kind,
    at: document.at,
  };
}

/** The bytes of a BSON binary as the driver returns it to `lean()` (a `Binary`), or as given. */
export function bytesOf(value: Uint8Array | InstanceType<typeof mongoose.mongo.Binary>): Uint8Array {
  return value instanceof mongoose.mongo.Binary ? value.value() : value;
}
