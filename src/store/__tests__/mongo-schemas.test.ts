import mongoose from 'mongoose';
import { AUDIT_TEXT_LIMITS, type AuditEntry, type AuditFilter } from '../index';
import { audit, buildMongoAuditFilter, buildMongoChainFilter } from '../mongo/audit';
import { catalogue } from '../mongo/catalogue';
import { toStoreError } from '../mongo/to-store-error';
import { parseAuditQuery } from '../parse-audit-query';
import { encodeAuditCursor } from '../audit-cursor';

// Models compiled on a connection that never connects: validation and index definitions
// need no server, and no mock pretends to be one.
const connection = mongoose.createConnection();
const { AuditEntry: AuditModel } = audit.defineModels(connection, { auditRetentionDays: 30 });
const { CatalogueItem, CataloguePointer, CatalogueSnapshot } = catalogue.defineModels(connection, { auditRetentionDays: 30 });

afterAll(() => connection.close());

const valid: Omit<AuditEntry, 'id'> & { _id: string } = {
  _id: '01JBX3Q2W9ZK4M5N6P7R8S9T0V',
  version: 2,
  at: new Date('2025-03-01T08:00:00Z'),
  requestId: 'req-1',
  access: 'graphql',
  operationName: 'ThuTucTheoMa',
  operationType: 'query',
  documentHash: 'ab'.repeat(32),
  attachment: null,
  outcome: 'error',
  errorCodes: ['UPSTREAM_TIMEOUT'],
  refusalReason: null,
  durationMs: 12.5,
  clientIp: '10.0.0.1',
  records: { Procedure: 2 },
  sensitiveFields: ['Applicant.idNumber'],
  subject: 'officer-1',
  tokenId: 'jti-1',
  clientId: 'one-stop-h56',
  agencyCode: 'H56',
  prevHash: null,
  hash: null,
};

const download = { ...valid, access: 'attachment', documentHash: null, attachment: { documentId: 'qlvb-g22:0f3c', contentId: 'cid:209' } };

async function validationErrors(document: { validate(): Promise<void> }): Promise<string[]> {
  try {
    await document.validate();
    return [];
  } catch (error) {
    return Object.keys((error as mongoose.Error.ValidationError).errors ?? {}).sort();
  }
}

describe('MongoDB audit schema', () => {
  it('accepts a complete entry, a download, and one with every nullable field null', async () => {
    const bare = { ...valid, operationName: null, operationType: null, clientIp: null, refusalReason: null, subject: null, tokenId: null, clientId: null, agencyCode: null };
    expect(await validationErrors(new AuditModel(valid))).toEqual([]);
    expect(await validationErrors(new AuditModel(download))).toEqual([]);
    expect(await validationErrors(new AuditModel(bare))).toEqual([]);
  });

  it('refuses an unknown version, access, outcome or operation type, a bad hash, a negative duration and a fractional record count', async () => {
    const bad = new AuditModel({ ...valid, version: 3, access: 'ftp', outcome: 'maybe', operationType: 'batch', documentHash: 'XYZ', durationMs: -1, records: { Procedure: 1.5 } });
    expect(await validationErrors(bad)).toEqual(['access', 'documentHash', 'durationMs', 'operationType', 'outcome', 'records.Procedure', 'version']);
  });

  it('refuses an attachment without its ids', async () => {
    expect(await validationErrors(new AuditModel({ ...download, attachment: { documentId: '' } }))).toEqual(['attachment.contentId', 'attachment.documentId']);
  });

  it('accepts text up to the port limits and refuses one character more', async () => {
    const longest = Object.fromEntries(
      (['requestId', 'operationName', 'refusalReason', 'clientIp', 'subject', 'tokenId', 'clientId', 'agencyCode', 'prevHash', 'hash'] as const).map((field) => [field, 'x'.repeat(AUDIT_TEXT_LIMITS[field])]),
    );
    const tooLong = Object.fromEntries(Object.entries(longest).map(([field, text]) => [field, `${text}x`]));
    expect(await validationErrors(new AuditModel({ ...valid, ...longest }))).toEqual([]);
    expect(await validationErrors(new AuditModel({ ...valid, ...tooLong }))).toEqual(Object.keys(tooLong).sort());
    expect(await validationErrors(new AuditModel({ ...valid, operationName: '', errorCodes: [''] }))).toEqual(['errorCodes.0']);
  });

  it('refuses an entry without its required fields', async () => {
    expect(await validationErrors(new AuditModel({}))).toEqual(['_id', 'access', 'at', 'durationMs', 'outcome', 'requestId', 'version']);
  });

  it('throws on a field the schema does not know instead of dropping it', () => {
    expect(() => new AuditModel({ ...valid, password: 'x' })).toThrow(/password/);
  });

  it('deletes entries after the configured retention with a TTL index on at', () => {
    const ttl = AuditModel.schema.indexes().filter(([, options]) => options.expireAfterSeconds !== undefined);
    expect(ttl).toEqual([[{ at: 1 }, expect.objectContaining({ expireAfterSeconds: 30 * 24 * 60 * 60 })]]);
  });

  it.each<[keyof AuditFilter | 'none', string]>([
    ['none', 'at'],
    ['from', 'at'],
    ['to', 'at'],
    ['operationName', 'operationName'],
    ['outcome', 'outcome'],
    ['errorCode', 'errorCodes'],
    ['access', 'access'],
    ['subject', 'subject'],
    ['clientId', 'clientId'],
    ['clientId', 'principalId'],
    ['agencyCode', 'agencyCode'],
  ])('has an index for the %s filter that returns pages in order (%s)', (_filter, field) => {
    const keys = AuditModel.schema.indexes().map(([fields]) => fields);
    const expected = field === 'at' ? { at: -1, _id: -1 } : { [field]: 1, at: -1, _id: -1 };
    expect(keys).toContainEqual(expected);
  });
});

describe('MongoDB audit filter', () => {
  it('compares every caller value with $eq and marks its own operators trusted, so sanitizeFilter changes nothing', () => {
    const filter: AuditFilter = { from: new Date(1), to: new Date(2), access: 'graphql', operationName: 'A', outcome: 'error', errorCode: 'E', subject: 's', clientId: 'c', agencyCode: 'H' };
    const after = encodeAuditCursor({ at: new Date(5), id: 'E1' });
    const built = buildMongoAuditFilter(parseAuditQuery(filter, { first: 5, after }));
    const before = JSON.stringify(built);

    mongoose.sanitizeFilter(built);

    expect(JSON.stringify(built)).toBe(before);
    const { trusted } = mongoose;
    expect(built).toEqual({
      at: trusted({ $gte: new Date(1), $lt: new Date(2) }),
      access: { $eq: 'graphql' },
      operationName: { $eq: 'A' },
      outcome: { $eq: 'error' },
      errorCodes: { $eq: 'E' },
      subject: { $eq: 's' },
      agencyCode: { $eq: 'H' },
      $and: [
        { $or: [{ clientId: { $eq: 'c' } }, { principalId: { $eq: 'c' } }] },
        { $or: [{ at: trusted({ $lt: new Date(5) }) }, { at: { $eq: new Date(5) }, _id: trusted({ $lt: 'E1' }) }] },
      ],
    });
  });

  it('finds a client under its version-1 name too, and the entries of no agency with agencyCode null', () => {
    expect(buildMongoAuditFilter(parseAuditQuery({ clientId: 'c' }, { first: 5 }))).toEqual({ $or: [{ clientId: { $eq: 'c' } }, { principalId: { $eq: 'c' } }] });
    expect(buildMongoAuditFilter(parseAuditQuery({ agencyCode: null }, { first: 5 }))).toEqual({ agencyCode: { $eq: null } });
  });

  it('never lets an operator-shaped value through, even past the port check', () => {
    const built = buildMongoAuditFilter({ filter: { operationName: { $ne: null } as unknown as string }, after: null });
    expect(built).toEqual({ operationName: { $eq: { $ne: null } } });
  });
});

describe('MongoDB hash chain walk', () => {
  it('starts from the first entry, or after an id with its own trusted $gt that sanitizeFilter leaves alone', () => {
    const built = buildMongoChainFilter('01JBX3Q2W9ZK4M5N6P7R8S9T0V');
    const before = JSON.stringify(built);

    mongoose.sanitizeFilter(built);

    expect(JSON.stringify(built)).toBe(before);
    expect(built).toEqual({ _id: mongoose.trusted({ $gt: '01JBX3Q2W9ZK4M5N6P7R8S9T0V' }) });
    expect(buildMongoChainFilter(null)).toEqual({});
  });
});

describe('MongoDB catalogue schemas', () => {
  it('requires a code on procedures and none on agencies and sectors', async () => {
    const item = { snapshotId: 's1', seq: 0, json: '{}' };
    expect(await validationErrors(new CatalogueItem({ ...item, kind: 'procedure', code: '1.001' }))).toEqual([]);
    expect(await validationErrors(new CatalogueItem({ ...item, kind: 'procedure' }))).toEqual(['code']);
    expect(await validationErrors(new CatalogueItem({ ...item, kind: 'agency', code: 'X' }))).toEqual(['code']);
    expect(await validationErrors(new CatalogueItem({ ...item, kind: 'law', code: null, seq: -1 }))).toEqual(['kind', 'seq']);
  });

  it('keys items by snapshot and order, and procedures by snapshot and code', () => {
    expect(CatalogueItem.schema.indexes()).toEqual([
      [{ snapshotId: 1, kind: 1, seq: 1 }, expect.objectContaining({ unique: true })],
      [{ snapshotId: 1, code: 1 }, expect.objectContaining({ unique: true, partialFilterExpression: { kind: 'procedure' } })],
    ]);
    expect(CatalogueSnapshot.schema.indexes()).toEqual([[{ createdAt: 1 }, expect.anything()]]);
  });

  it('has exactly one pointer document, with the id current', async () => {
    expect(await validationErrors(new CataloguePointer({ _id: 'current', snapshotId: 's1' }))).toEqual([]);
    expect(await validationErrors(new CataloguePointer({ _id: 'other', snapshotId: 's1' }))).toEqual(['_id']);
  });

  it('keeps snapshot counts whole and non-negative', async () => {
    const snapshot = { _id: 's1', refreshedAt: new Date(), createdAt: new Date(), procedureCount: 2, agencyCount: 0, sectorCount: 1 };
    expect(await validationErrors(new CatalogueSnapshot(snapshot))).toEqual([]);
    expect(await validationErrors(new CatalogueSnapshot({ ...snapshot, procedureCount: -1, agencyCount: 0.5 }))).toEqual(['agencyCount', 'procedureCount']);
  });
});

describe('MongoDB errors', () => {
  it.each([
    ['an unreachable server', new mongoose.mongo.MongoServerSelectionError('Server selection timed out after 10000 ms', {} as never)],
    ['a dropped connection', new mongoose.mongo.MongoNetworkError('connection 3 to 10.0.0.5:27017 closed')],
    ['a primary stepping down', new mongoose.mongo.MongoServerError({ message: 'not primary', code: 10107 })],
  ])('reports %s as STORE_UNAVAILABLE, keeping the cause', (_name, error) => {
    expect(toStoreError(error)).toMatchObject({ code: 'STORE_UNAVAILABLE', originalError: error, extensions: { store: 'mongodb' } });
  });

  it('passes a duplicate key or a validation error through unchanged', () => {
    const duplicate = new mongoose.mongo.MongoServerError({ message: 'E11000 duplicate key', code: 11000 });
    const invalid = new mongoose.Error.ValidationError();
    expect(toStoreError(duplicate)).toBe(duplicate);
    expect(toStoreError(invalid)).toBe(invalid);
  });
});
