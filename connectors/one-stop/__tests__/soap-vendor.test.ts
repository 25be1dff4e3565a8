import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startSimServer, type SimServer } from '../../../simulators/kit';
import { createOneStopConnector, type OneStopConnector } from '..';
import { readListing } from '../testing/read-listing';

const fixture = (name: string): string => readFileSync(path.join(__dirname, '../fixtures', name), 'utf8');
const xml = (body: string, status = 200) => ({ status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body });

/** Replays recorded answers of the soap dialect, chosen by SOAPAction. */
describe('soap vendor against recorded answers', () => {
  let sim: SimServer;
  let connector: OneStopConnector;
  let listAnswer = fixture('soap-list-single.xml');
  let lastRequest = '';
  beforeAll(async () => {
    sim = await startSimServer({
      name: 'soap-replay',
      handler: (req) => {
        lastRequest = req.text();
        const action = String(req.headers.soapaction);
        if (action.endsWith('LayDanhSachHoSo"')) return xml(listAnswer);
        if (action.endsWith('LayTienDoXuLy"')) return xml(fixture('soap-progress.xml'));
        return xml(fixture('soap-fault-not-found.xml'), 500);
      },
    });
    connector = createOneStopConnector({ name: 'province-h48', province: 'H48', dialect: 'soap', url: sim.url, username: 'u', password: 'p&<', statusTable: { '10': 10, '4': 4, '2': 2 }, timeoutMs: 2000 });
  });
  afterAll(async () => {
    await connector.close();
    await sim.close();
  });

  const window = { from: new Date('2023-01-01T00:00:00+07:00'), to: new Date('2027-01-01T00:00:00+07:00') };

  it('reads a list of exactly one HoSo element as a list of one dossier', async () => {
    listAnswer = fixture('soap-list-single.xml');
    const dossiers = await readListing(connector, window);
    expect(dossiers).toHaveLength(1);
    expect(dossiers[0]).toMatchObject({ code: '000.00.48.H48-231023-0001', procedureCode: '1.003560', channel: 'ONLINE', steps: null });
    expect(dossiers[0]!.applicant.idNumber).toBe('051196260909');
  });

  it('reads a page of several, whatever the envelope prefix and namespaces', async () => {
    listAnswer = fixture('soap-list-page.xml');
    const dossiers = await readListing(connector, window);
    expect(dossiers.length).toBe(3);
    for (const d of dossiers) expect(d.receivedAt ?? d.submittedAt).toMatch(/\+07:00$/);
  });

  it('sends credentials in the AuthHeader, XML-escaped', () => {
    expect(lastRequest).toContain('<AuthHeader xmlns="http://motcua.gov.vn/"><Username>u</Username><Password>p&amp;&lt;</Password></AuthHeader>');
  });

  it('answers null for a dossier the service reports as not existing (a soap:Fault)', async () => {
    await expect(connector.getDossier('000.00.41.H48-200101-9999')).resolves.toBeNull();
  });

  it('turns an unexpected fault into UPSTREAM_ERROR with the fault code, and an HTML 500 into UPSTREAM_UNAVAILABLE', async () => {
    listAnswer = fixture('soap-fault-not-found.xml').replace('HOSO_KHONG_TON_TAI', 'LOI_HE_THONG');
    sim.setFault({ mode: 'none' });
    await expect(readListing(connector, window)).rejects.toMatchObject({ code: 'UPSTREAM_ERROR', extensions: { source: 'province-h48', upstreamCode: 'LOI_HE_THONG' } });
    sim.setFault({ mode: 'fail', status: 500 });
    await expect(readListing(connector, window)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', extensions: { source: 'province-h48' } });
    sim.setFault({ mode: 'none' });
  });

  it('refuses an answer that carries a DTD', async () => {
    listAnswer = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + fixture('soap-list-single.xml').replace(/^<\?xml[^>]*>/, '');
    await expect(readListing(connector, window)).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
  });
});
