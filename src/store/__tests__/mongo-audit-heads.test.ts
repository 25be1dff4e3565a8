import mongoose from 'mongoose';
import { auditHeads } from '../mongo/audit-heads';

// Compiled on a connection that never connects: validation needs no server.
const connection = mongoose.createConnection();
const { AuditHead } = auditHeads.defineModels(connection, { auditRetentionDays: 30 });
afterAll(() => connection.close());

const valid = {
  _id: '01JBX3Q2W9ZK4M5N6P7R8S9T0V',
  entryHash: 'ab'.repeat(32),
  signedAt: new Date('2026-03-01T08:00:00Z'),
  algorithm: 'RSA-SHA256',
  signature: 'AAEC',
  keyFingerprint: 'cd'.repeat(32),
};

async function problems(fields: Record<string, unknown>): Promise<string[]> {
  try {
    await new AuditHead(fields).validate();
    return [];
  } catch (error) {
    return Object.keys((error as mongoose.Error.ValidationError).errors).sort();
  }
}

describe('the MongoDB model of signed audit heads', () => {
  it('accepts a valid head, stored under the signed entry id in audit_heads', async () => {
    expect(await problems(valid)).toEqual([]);
    expect(AuditHead.collection.collectionName).toBe('audit_heads');
  });

  it('refuses a head without its entry hash, or with a hash or fingerprint that is not hex sha256', async () => {
    expect(await problems({ ...valid, entryHash: undefined })).toEqual(['entryHash']);
    expect(await problems({ ...valid, entryHash: 'x', keyFingerprint: 'y' })).toEqual(['entryHash', 'keyFingerprint']);
  });

  it('refuses fields the schema does not know', () => {
    expect(() => new AuditHead({ ...valid, extra: 1 })).toThrow(/extra/);
  });
});
