import type { Resolvers } from '../../generated/graphql';
import { Agency, agencyQueries } from './agency-resolvers';
import { AuditEntry, auditQueries } from './audit-resolvers';
import { Document, DocumentAttachment, DocumentStatus, documentMutations, documentQueries } from './document-resolvers';
import { Dossier, DossierConnection, DossierStatus, dossierQueries } from './dossier-resolvers';
import { Procedure, procedureQueries } from './procedure-resolvers';
import { syncMutations, syncQueries } from './sync-resolvers';
import { DossierPrinting, DossierReceipt, ProcedurePrinting, printingQueries } from './printing-resolvers';
import { DateScalar, DateTimeScalar } from './scalars';
import { DossierStatusChange, Webhook, WebhookDeadLetter, notificationMutations, notificationQueries, notificationSubscriptions } from './notification-resolvers';

/** Every resolver of the schema, one object per GraphQL type. */
export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Query: {
    ...procedureQueries,
    ...agencyQueries,
    ...dossierQueries,
    ...documentQueries,
    ...auditQueries,
    ...syncQueries,
    ...printingQueries,
    ...notificationQueries,
  },
  Mutation: {
    ...documentMutations,
    ...syncMutations,
    ...notificationMutations,
  },
  Subscription: { ...notificationSubscriptions },
  Procedure: { ...Procedure, ...ProcedurePrinting },
  Agency,
  Dossier: { ...Dossier, ...DossierPrinting },
  DossierReceipt,
  DossierConnection,
  DossierStatus,
  Document,
  DocumentAttachment,
  DocumentStatus,
  AuditEntry,
  DossierStatusChange,
  Webhook,
  WebhookDeadLetter,
};
