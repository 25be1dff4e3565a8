import type { Connection, Model } from 'mongoose';
import { GatewayError } from '../../errors';
import type { OutboxRepository } from '../dossier-repository';
import type { MongoRepositoryDefinition } from './mongo-repository';

type OutboxModels = Record<string, Model<any>>;

const missing = (): never => {
  throw new GatewayError('STORE_UNAVAILABLE', 'the outbox is not yet kept on MongoDB in this build', { store: 'mongodb' });
};

/** TEMPORARY: the MongoDB adapter of the outbox repository is being written (branch mongo-dossiers). */
export const outbox: MongoRepositoryDefinition<OutboxRepository, OutboxModels> = {
  defineModels: (_connection: Connection) => ({}),
  create: () => ({
    due: async () => missing(),
    complete: async () => missing(),
    fail: async () => missing(),
    dead: async () => missing(),
    retryDead: async () => missing(),
    enqueueSince: async () => missing(),
    depth: async () => missing(),
    dayCounts: async () => missing(),
    setPaused: async () => missing(),
    paused: async () => missing(),
  }),
};
