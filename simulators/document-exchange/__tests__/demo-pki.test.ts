import { X509Certificate } from 'node:crypto';
import { startDocumentExchangeSimulator, DEFAULT_SYSTEMS } from '..';

describe('the demo PKI of the document-exchange simulator', () => {
  it('makes a CA and, for each system, a certificate naming its agency, issued by that CA', async () => {
    const sim = await startDocumentExchangeSimulator({ demoPki: true });
    try {
      const ca = new X509Certificate(sim.pki!.caPem);
      for (const system of DEFAULT_SYSTEMS) {
        const [leaf] = sim.pki!.identities.get(system.systemId)!.certificatePem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
        const certificate = new X509Certificate(leaf!);
        expect(certificate.checkIssued(ca)).toBe(true);
        expect(certificate.verify(ca.publicKey)).toBe(true);
        expect(certificate.subject.split('\n')).toEqual(expect.arrayContaining([`O=${system.name}`, `OU=${system.agencyCode}`]));
      }
      expect(sim.pki!.crlPem).toMatch(/^-----BEGIN X509 CRL-----/);
    } finally {
      await sim.close();
    }
  });

  it('signs a message as a system, with an enveloped XML-DSig signature in the header', async () => {
    const sim = await startDocumentExchangeSimulator({ demoPki: true });
    try {
      const xml = '<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader><MessageHeader/></edXMLHeader></edXMLEnvelope></edXML>';
      const signed = sim.signAs('vpcp.qlvb', xml).toString('utf8');
      expect(signed).toMatch(/<MessageHeader\/><ds:Signature xmlns:ds="http:\/\/www.w3.org\/2000\/09\/xmldsig#">[\s\S]*<ds:Reference URI="">/);
    } finally {
      await sim.close();
    }
  });

  it('refuses to sign without a demo PKI, saying how to get one', async () => {
    const sim = await startDocumentExchangeSimulator();
    try {
      expect(sim.pki).toBeNull();
      expect(() => sim.signAs('vpcp.qlvb', '<edXML/>')).toThrow(/start the simulator with demoPki: true/);
    } finally {
      await sim.close();
    }
  });
});
