import type { Connection, Model } from 'mongoose';
import { GatewayError } from '../../errors';
import type { LeaseRepository } from '../dossier-repository';
import type { MongoRepositoryDefinition } from './mongo-repository';

type LeaseModels = Record<string, Model<any>>;

const missing = (): never => {
  throw new GatewayError('STORE_UNAVAILABLE', 'leases are not yet kept on MongoDB in this build', { store: 'mongodb' });
};

/** TEMPORARY: the MongoDB adapter of the lease repository is being written (branch mongo-dossiers). */
export const leases: MongoRepositoryDefinition<LeaseRepository, LeaseModels> = {
  defineModels: (_connection: Connection) => ({}),
  create: () => ({
    acquire: async () => missing(),
    renew: async () => missing(),
    release: async () => missing(),
    get: async () => missing(),
  }),
};
