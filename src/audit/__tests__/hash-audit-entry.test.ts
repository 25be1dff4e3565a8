import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../store';
import { hashAuditEntry } from '../hash-audit-entry';

const entry: AuditEntry = {
  id: '01JGFJJZ000000000000000000',
  at: new Date('2025-01-01T00:00:00.000Z'),
  requestId: 'req-1',
  operationName: 'ThuTucTheoMa',
  operationType: 'query',
  documentHash: 'ab'.repeat(32),
  outcome: 'error',
  errorCodes: ['UPSTREAM_TIMEOUT'],
  durationMs: 12.5,
  clientIp: '10.0.0.1',
  records: { Procedure: 2, Agency: 1 },
  sensitiveFields: ['Citizen.idNumber'],
  principalId: 'cán-bộ-42',
  agencyCode: 'H56',
  prevHash: null,
  hash: null,
};

/** The canonical text of `entry`, written out by hand: the rule, not the code, is what a verifier elsewhere must match. */
const CANONICAL =
  '{"agencyCode":"H56","at":"2025-01-01T00:00:00.000Z","clientIp":"10.0.0.1","documentHash":"' +
  'ab'.repeat(32) +
  '","durationMs":12.5,"errorCodes":["UPSTREAM_TIMEOUT"],"id":"01JGFJJZ000000000000000000","operationName":"ThuTucTheoMa",' +
  '"operationType":"query","outcome":"error","prevHash":null,"principalId":"cán-bộ-42","records":{"Agency":1,"Procedure":2},' +
  '"requestId":"req-1","sensitiveFields":["Citizen.idNumber"]}';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('hashAuditEntry', () => {
  it('hashes "\\n" and the canonical JSON of every field but hash for the first entry of a chain', () => {
    expect(hashAuditEntry(entry)).toBe(sha256(`\n${CANONICAL}`));
  });

  it('puts the previous hash in front and covers it in the JSON too', () => {
    const prevHash = 'f'.repeat(64);
    const canonical = CANONICAL.replace('"prevHash":null', `"prevHash":"${prevHash}"`);

    expect(hashAuditEntry({ ...entry, prevHash })).toBe(sha256(`${prevHash}\n${canonical}`));
  });

  it('ignores the hash the entry carries', () => {
    expect(hashAuditEntry({ ...entry, hash: '0'.repeat(64) })).toBe(hashAuditEntry(entry));
    const { hash: _hash, ...withoutHash } = entry;
    expect(hashAuditEntry(withoutHash)).toBe(hashAuditEntry(entry));
  });

  it.each([
    ['id', { id: '01JGFJJZ000000000000000001' }],
    ['at, by one millisecond', { at: new Date('2025-01-01T00:00:00.001Z') }],
    ['prevHash', { prevHash: 'e'.repeat(64) }],
    ['a record count', { records: { Procedure: 3, Agency: 1 } }],
    ['the order of error codes', { errorCodes: ['UPSTREAM_TIMEOUT', 'NOT_FOUND'] }],
    ['a null that becomes an empty string', { clientIp: '' }],
  ])('changes when %s changes', (_name, change) => {
    expect(hashAuditEntry({ ...entry, ...change })).not.toBe(hashAuditEntry(entry));
  });

  it('does not change with the order the record counts were set in', () => {
    expect(hashAuditEntry({ ...entry, records: { Agency: 1, Procedure: 2 } })).toBe(hashAuditEntry(entry));
  });
});
