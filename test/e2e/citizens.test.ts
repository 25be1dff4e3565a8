import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { startTestGateway, type TestGateway } from '../utils/gateway';

/** The text of the QR code in a base64 PNG, as a phone camera reads it. */
function readQr(base64: string): string | null {
  const image = PNG.sync.read(Buffer.from(base64, 'base64'));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

/** The district (or, for a province-level unit, the province) above an agency code. */
function districtOf(agency: string): string {
  const [, , l2, l1] = agency.split('.') as [string, string, string, string];
  return `000.00.${l2}.${l1}`;
}

describe('citizens in the loop: printed codes and the public status lookup', () => {
  let gw: TestGateway;
  let dossier: { code: string; status: { label: string | null }; appointmentAt: string | null; agency: { code: string } | null; applicant: { name: string | null; phone: string | null } };
  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 200, dossiersPerProvince: 300, waitForSources: false });
    await gw.running.sources.catalogue.whenLoaded(20_000);
    // The test gateway schedules no sync (syncIntervalSeconds 0): one pass reads the provinces.
    await gw.running.sources.dossiers.syncAll();
    const { data } = await gw.as('national-portal-sync').graphql<{ dossiers: { nodes: Array<typeof dossier> } }>(/* GraphQL */ `
      { dossiers(first: 20, filter: { status: [2, 4, 5, 6] }) { nodes { code status { label } appointmentAt agency { code } applicant { name phone } } } }
    `);
    dossier = data!.dossiers.nodes.find((d) => d.appointmentAt !== null && d.applicant.name !== null)!;
    expect(dossier).toBeDefined();
  }, 120_000);
  afterAll(() => gw.close());

  it('gives a district officer the receipt of a dossier of the district, whose QR link answers its status without a token', async () => {
    const officer = await gw.token({ client_id: 'district-app', sub: 'officer-1', agency: districtOf(dossier.code.split('-')[0]!), scope: 'dossiers:read procedures:read' });
    const { data, errors } = await gw.graphql<{ dossier: { receipt: { dossierCode: string; lookupUrl: string; qrCode: { url: string; data: string }; barcode: { mediaType: string; data: string } } } }>(
      /* GraphQL */ `
        query Receipt($code: ID!) {
          dossier(code: $code) { receipt { dossierCode lookupUrl qrCode(format: PNG) { url data } barcode { mediaType data } } }
        }
      `,
      { code: dossier.code },
      { authorization: `Bearer ${officer}` },
    );
    expect(errors).toBeUndefined();
    const receipt = data!.dossier.receipt;
    expect(receipt.dossierCode).toBe(dossier.code);
    expect(receipt.barcode.mediaType).toBe('image/svg+xml');
    expect(readQr(receipt.qrCode.data)).toBe(receipt.lookupUrl);
    const link = new URL(receipt.lookupUrl);
    expect(link.pathname).toBe(`/tra-cuu/${dossier.code}`);

    const res = await fetch(`${gw.url}${link.pathname}${link.search}`, { headers: { accept: 'application/json' } });
    const text = await res.text();
    expect(res.status).toBe(200);
    const answer = JSON.parse(text) as { status: { label: string }; appointmentDate: string; agencyName: string | null };
    expect(answer.status.label).toBe(dossier.status.label);
    const vietnamDay = new Date(Date.parse(dossier.appointmentAt!) + 7 * 3_600_000).toISOString().slice(0, 10).split('-').reverse().join('/');
    expect(answer.appointmentDate).toBe(vietnamDay);
    for (const personal of [dossier.applicant.name!, dossier.applicant.phone ?? 'no phone']) expect(text).not.toContain(personal);

    const wrong = await fetch(`${gw.url}${link.pathname}?k=${'A'.repeat(16)}`, { headers: { accept: 'application/json' } });
    expect(wrong.status).toBe(404);
  });

  it('answers no receipt for a dossier outside the officer\'s jurisdiction', async () => {
    const other = dossier.code.split('-')[0]!.endsWith('H48') ? 'H56' : 'H48';
    const elsewhere = await gw.token({ client_id: 'other-app', sub: 'officer-2', agency: `000.00.00.${other}`, scope: 'dossiers:read procedures:read' });
    const { data, errors } = await gw.graphql<{ dossier: unknown }>(/* GraphQL */ `query R($code: ID!) { dossier(code: $code) { receipt { lookupUrl } } }`, { code: dossier.code }, { authorization: `Bearer ${elsewhere}` });
    expect(errors).toBeUndefined();
    expect(data!.dossier).toBeNull();
  });

  it('prints a procedure\'s QR code of its national portal page, and an agency\'s board', async () => {
    const { data, errors } = await gw.graphql<{ procedure: { code: string; implementingAgencies: Array<{ code: string; name: string }>; qrCode: { url: string; data: string } } }>(/* GraphQL */ `
      { procedure(code: "1.001612") { code implementingAgencies { code name } qrCode(format: PNG) { url data } } }
    `);
    expect(errors).toBeUndefined();
    const expected = 'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001612';
    expect(data!.procedure.qrCode.url).toBe(expected);
    expect(readQr(data!.procedure.qrCode.data)).toBe(expected);

    const agency = data!.procedure.implementingAgencies[0]!;
    const board = await gw.graphql<{ svg: { mediaType: string; data: string }; pdf: { mediaType: string; data: string }; none: null }>(
      /* GraphQL */ `
        query Board($agency: ID!) {
          svg: procedureBoard(agency: $agency) { mediaType data }
          pdf: procedureBoard(agency: $agency, format: PDF) { mediaType data }
          none: procedureBoard(agency: "999.99.99.H99") { data }
        }
      `,
      { agency: agency.code },
    );
    expect(board.errors).toBeUndefined();
    expect(board.data!.svg.mediaType).toBe('image/svg+xml');
    expect(board.data!.svg.data).toContain(`>${agency.name}</text>`);
    expect(board.data!.svg.data).toContain('data-code="1.001612"');
    expect(Buffer.from(board.data!.pdf.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(board.data!.none).toBeNull();
  });
});
