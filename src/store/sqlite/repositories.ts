import type { StoreRepositories } from '../store';
import { audit } from './audit';
import { catalogue } from './catalogue';
import { dossiers } from './dossiers';
import { leases } from './leases';
import { outbox } from './outbox';
import { auditHeads } from './audit-heads';
import { deliveries } from './deliveries';
import { webhooks } from './webhooks';
import type { SqliteRepositoryDefinition } from './sqlite-repository';

/** Every repository of the SQLite store, in migration order; must list every key of StoreRepositories. */
export const sqliteRepositories: { [K in keyof StoreRepositories]: SqliteRepositoryDefinition<StoreRepositories[K]> } = {
  audit,
  catalogue,
  leases,
  dossiers,
  outbox,
  auditHeads,
  deliveries,
  webhooks,
};
