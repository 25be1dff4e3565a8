import type { Connection, Model } from 'mongoose';
import { GatewayError } from '../../errors';
import type { DossierRepository } from '../dossier-repository';
import type { MongoRepositoryDefinition } from './mongo-repository';

type DossierModels = Record<string, Model<any>>;

const missing = (): never => {
  throw new GatewayError('STORE_UNAVAILABLE', 'dossiers are not yet kept on MongoDB in this build', { store: 'mongodb' });
};

/** TEMPORARY: the MongoDB adapter of the dossier repository is being written (branch mongo-dossiers). */
export const dossiers: MongoRepositoryDefinition<DossierRepository, DossierModels> = {
  defineModels: (_connection: Connection) => ({}),
  create: () => ({
    apply: async () => missing(),
    get: async () => missing(),
    getMany: async () => missing(),
    list: async () => missing(),
    count: async () => missing(),
    statistics: async () => missing(),
    openCodes: async () => missing(),
    countBySource: async () => missing(),
    changesAfter: async () => missing(),
    loadCheckpoint: async () => missing(),
    reseal: async () => missing(),
  }),
};
