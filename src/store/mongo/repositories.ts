import type { Model } from 'mongoose';
import type { StoreRepositories } from '../store';
import { audit } from './audit';
import { catalogue } from './catalogue';
import { dossiers } from './dossiers';
import { leases } from './leases';
import { outbox } from './outbox';
import { auditHeads } from './audit-heads';
import { deliveries } from './deliveries';
import { webhooks } from './webhooks';
import type { MongoRepositoryDefinition } from './mongo-repository';

/** Every repository of the MongoDB store; must list every key of StoreRepositories. */
export const mongoRepositories: { [K in keyof StoreRepositories]: MongoRepositoryDefinition<StoreRepositories[K], Record<string, Model<any>>> } = {
  audit,
  catalogue,
  leases,
  dossiers,
  outbox,
  auditHeads,
  deliveries,
  webhooks,
};
