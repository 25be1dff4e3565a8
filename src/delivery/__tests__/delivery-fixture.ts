import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GatewayConfig } from '../../config';
import type { DossierRecord } from '../../domain';
import { dossierWriteOf } from '../../dossiers';
import { createStore, type Store } from '../../store';

/** A fresh SQLite store in a temporary directory, with a data key. */
export async function openStore(dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-delivery-'))): Promise<Store> {
  return createStore({ dataDir, dataKeyring: { activeKeyId: 'k1', keys: new Map([['k1', randomBytes(32)]]) } });
}

/**
 * A dossier record of the day before `today` (so its first write is news, not history),
 * with a consenting province's applicant and a mobile phone unless told otherwise.
 */
export function record(code: string, overrides: Partial<DossierRecord> = {}, applicant: Partial<DossierRecord['applicant']> = {}): DossierRecord {
  const agencyCode = code.split('-')[0]!;
  return {
    code,
    source: `province-${agencyCode.slice(-3).toLowerCase()}`,
    procedureCode: '1.001612',
    procedureName: 'Đăng ký khai sinh',
    sector: { code: 'HT', name: 'Hộ tịch' },
    applicant: { name: 'Nguyễn Văn An', kind: 'CITIZEN', idNumber: '040090001234', idKind: 'CCCD', phone: '0912 345 678', email: null, address: null, ...applicant },
    agencyCode,
    agencyName: 'UBND xã Thanh Thái',
    channel: 'ONLINE',
    status: { code: 2, vendorCode: '2', vendorLabel: null },
    receiptNumber: null,
    summary: null,
    submittedAt: '2024-03-15T08:30:00+07:00',
    receivedAt: '2024-03-15T09:00:00+07:00',
    // 17:00 UTC on the 19th is already the 20th in Vietnam.
    appointmentAt: '2024-03-19T17:00:00.000Z',
    finishedAt: null,
    returnedAt: null,
    updatedAt: '2024-03-15T09:00:00+07:00',
    steps: [],
    fees: [],
    submittedPapers: [],
    resultPapers: [],
    ...overrides,
  };
}

/** Writes records as the sync does (a changed one gets the next version and a change-log entry). */
export async function write(store: Store, ...records: DossierRecord[]): Promise<void> {
  await store.dossiers.apply({ dossiers: records.map((r) => dossierWriteOf(r, () => r.procedureCode)!) });
}

/** The record with its national status changed to `status`. */
export function withStatus(r: DossierRecord, status: number): DossierRecord {
  return { ...r, status: { code: status, vendorCode: String(status), vendorLabel: null }, updatedAt: new Date().toISOString() };
}

/** The `notifications` section for the Zalo and SMS simulators, consent stated for `provinces`. */
export function notificationsSection(
  zalo: { url: string; oauthUrl: string; appId: string; secretKey: string; refreshToken: string } | null,
  sms: { url: string; apiKey: string; secretKey: string } | null,
  { provinces = { H41: true }, delivery = 'first-success' }: { provinces?: Record<string, boolean>; delivery?: 'first-success' | 'every-channel' } = {},
): NonNullable<GatewayConfig['notifications']> {
  return {
    ...(zalo ? { zaloZns: { name: 'zalo-zns', ...zalo, templateIds: {}, timeoutMs: 5000, ratePerSecond: 100, burst: 100 } } : {}),
    ...(sms ? { smsBrandname: { name: 'sms-brandname', ...sms, brandname: 'UBND-TINH', unicode: false, timeoutMs: 5000, ratePerSecond: 100, burst: 100 } } : {}),
    consent: { default: false, provinces },
    statuses: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    delivery,
  };
}
