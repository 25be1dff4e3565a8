import { createNationalPortalConnector } from '../../../connectors/national-portal';
import { parseConfig } from '../../config/load-config';
import { startDemoSources, type DemoSources } from '../start-demo-sources';

describe('the demo’s national portal', () => {
  let demo: DemoSources;
  beforeAll(async () => {
    demo = await startDemoSources({ procedures: 40, dossiersPerProvince: 0 });
  });
  afterAll(() => demo.close());

  it('is configured in the demo’s config and knows exactly the national catalogue’s procedure codes', async () => {
    const portal = parseConfig(demo.config, {}).sources.nationalPortal;
    expect(portal).toMatchObject({ url: demo.simulators.nationalPortal.url });
    const connector = createNationalPortalConnector(portal!);
    const known = demo.simulators.nationalProcedures.data.procedures[7]!.MATTHC.trim();
    const dossier = {
      code: '000.00.20.H56-240315-0001',
      source: 'province-h56',
      procedureCode: known,
      procedureName: 'Thủ tục của danh mục',
      sector: { code: 'G15-TP07', name: 'Hộ tịch' },
      applicant: { name: 'Nguyễn Văn An', kind: 'CITIZEN' as const, idNumber: '038088240353', idKind: 'CCCD' as const, phone: null, email: null, address: null },
      agencyCode: '000.00.20.H56',
      agencyName: null,
      channel: 'IN_PERSON' as const,
      status: { code: 2, vendorCode: '1', vendorLabel: null },
      receiptNumber: null,
      summary: null,
      submittedAt: '2024-03-15T08:00:00+07:00',
      receivedAt: '2024-03-15T08:10:00+07:00',
      appointmentAt: null,
      finishedAt: null,
      returnedAt: null,
      updatedAt: null,
      steps: [],
      fees: [],
      submittedPapers: [],
      resultPapers: [],
    };
    await expect(connector.pushDossier({ dossier, nationalProcedureCode: known })).resolves.toMatchObject({ outcome: 'created' });
    // A national code of the right shape that the catalogue does not hold.
    await expect(connector.pushDossier({ dossier, nationalProcedureCode: '9.999999' })).rejects.toMatchObject({ code: 'UPSTREAM_REJECTED', extensions: { upstreamCode: '12' } });
    await connector.close();
  });
});
