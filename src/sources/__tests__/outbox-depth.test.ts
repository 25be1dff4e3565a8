import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../config';
import { dossierWriteOf } from '../../dossiers';
import { createSilentLogger } from '../../log';
import { openStore, record } from '../../delivery/__tests__/delivery-fixture';
import { createSources } from '../create-sources';

describe('what the outboxes still have to deliver', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lienthong-sources-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('counts the portal\'s waiting and refused pushes and every delivery consumer\'s, per state', async () => {
    const config = parseConfig(
      {
        auth: { issuer: 'https://sso.example.gov.vn', audience: 'lienthong', jwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }] } },
        store: { dataDir },
        sources: {
          // Nothing listens on port 9: nothing here is called.
          nationalProcedures: { url: 'http://127.0.0.1:9', dstcode: 'VN:GOV:000.00.00.G22:vpcpdvcprovider', username: 'u', password: 'p' },
          nationalPortal: { url: 'http://127.0.0.1:9', dstcode: 'VN:GOV:000.00.00.G22:dvcqg', username: 'u', password: 'p' },
        },
      },
      {},
    );
    const store = await openStore(dataDir);
    const sources = createSources(config, createSilentLogger(), { store });
    try {
      const dossiers = ['000.06.00.H41-240315-0001', '000.06.00.H41-240315-0002', '000.00.41.H56-240315-0003'].map((code) => dossierWriteOf(record(code), () => '1.001612')!);
      await store.dossiers.apply({ dossiers, enqueue: ['portal'] });
      await store.outbox.fail('portal', '000.00.41.H56-240315-0003', 1, { kind: 'dead', error: 'refused' });
      expect(await sources.outboxDepth()).toEqual([
        { consumer: 'portal', state: 'pending', count: 2 },
        { consumer: 'portal', state: 'dead', count: 1 },
        { consumer: 'webhooks', state: 'pending', count: 0 },
        { consumer: 'webhooks', state: 'held', count: 0 },
        { consumer: 'webhooks', state: 'dead', count: 0 },
      ]);
    } finally {
      await sources.close();
      await store.close();
    }
  });
});
