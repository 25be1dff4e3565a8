import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../store';
import { hashAuditEntry } from '../hash-audit-entry';

const entry: AuditEntry = {
  id: '01JGFJJZ000000000000000000',
  version: 2,
  at: new Date('2025-01-01T00:00:00.000Z'),
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
  records: { Procedure: 2, Agency: 1 },
  sensitiveFields: ['Applicant.idNumber'],
  subject: 'cán-bộ-42',
  tokenId: 'jti-7',
  clientId: 'one-stop-h56',
  agencyCode: 'H56',
  prevHash: null,
  hash: null,
};

/** The canonical text of `entry`, written out by hand: the rule, not the code, is what a verifier elsewhere must match. */
const CANONICAL =
  '{"access":"graphql","agencyCode":"H56","at":"2025-01-01T00:00:00.000Z","attachment":null,"clientId":"one-stop-h56","clientIp":"10.0.0.1",' +
  `"documentHash":"${'ab'.repeat(32)}","durationMs":12.5,"errorCodes":["UPSTREAM_TIMEOUT"],"id":"01JGFJJZ000000000000000000",` +
  '"operationName":"ThuTucTheoMa","operationType":"query","outcome":"error","prevHash":null,"records":{"Agency":1,"Procedure":2},' +
  '"refusalReason":null,"requestId":"req-1","sensitiveFields":["Applicant.idNumber"],"subject":"cán-bộ-42","tokenId":"jti-7","version":2}';

/** An entry as the gateway stored it before version 2, read back from an upgraded store. */
const legacy: AuditEntry = { ...entry, version: 1, subject: null, tokenId: null, clientId: 'cán-bộ-42', sensitiveFields: ['Citizen.idNumber'] };

/** What the gateway hashed for that entry before version 2, written out by hand (no version, the client as principalId). */
const LEGACY_CANONICAL =
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
    ['the subject', { subject: 'cán-bộ-43' }],
    ['the token id', { tokenId: null }],
    ['the version', { version: 1 as const }],
  ])('changes when %s changes', (_name, change) => {
    expect(hashAuditEntry({ ...entry, ...change })).not.toBe(hashAuditEntry(entry));
  });

  it('does not change with the order the record counts were set in', () => {
    expect(hashAuditEntry({ ...entry, records: { Agency: 1, Procedure: 2 } })).toBe(hashAuditEntry(entry));
  });
});

describe('hashAuditEntry of an entry written before version 2', () => {
  it('is the hash the gateway gave it then, so an upgraded log still verifies', () => {
    expect(hashAuditEntry(legacy)).toBe(sha256(`\n${LEGACY_CANONICAL}`));
    const prevHash = 'f'.repeat(64);
    expect(hashAuditEntry({ ...legacy, prevHash })).toBe(sha256(`${prevHash}\n${LEGACY_CANONICAL.replace('"prevHash":null', `"prevHash":"${prevHash}"`)}`));
  });

  it.each([
    ['a subject added to blame someone', { subject: 'thanh-tra' }],
    ['a token id added', { tokenId: 'jti-1' }],
    ['a refusal reason added', { refusalReason: 'TOKEN_EXPIRED' }],
    ['turned into a download', { access: 'attachment' as const, documentHash: null, attachment: { documentId: 'qlvb:1', contentId: 'cid:1' } }],
    ['its client changed', { clientId: 'another-client' }],
  ])('changes when %s', (_name, change) => {
    expect(hashAuditEntry({ ...legacy, ...change })).not.toBe(hashAuditEntry(legacy));
  });

  it('changes when a version-2 entry is passed off as version 1', () => {
    const stored = { ...entry, hash: hashAuditEntry(entry) };
    expect(hashAuditEntry({ ...stored, version: 1 })).not.toBe(stored.hash);
  });
});
