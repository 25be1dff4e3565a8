import { parse, validate } from 'graphql';
import { buildSchema } from '../../graphql/build-schema';
import { playgroundExamples } from '../playground-examples';

describe("the demo playground's example operations", () => {
  const tabs = playgroundExamples({ dossierCode: '000.01.41.H56-261030-0001', from: '2026-01-01T00:00:00+07:00', to: '2027-01-01T00:00:00+07:00' });

  it('are valid against the schema, one named operation each', () => {
    const schema = buildSchema();
    for (const tab of tabs) {
      const document = parse(tab.query);
      expect({ query: tab.query.split('\n')[0], errors: validate(schema, document).map((e) => e.message) }).toEqual({ query: tab.query.split('\n')[0], errors: [] });
      expect(document.definitions).toHaveLength(1);
    }
  });

  it('give every variable an operation declares, and only those', () => {
    for (const tab of tabs) {
      const declared = [...tab.query.matchAll(/\$(\w+):/g)].map((m) => m[1]).sort();
      expect(Object.keys(tab.variables ? (JSON.parse(tab.variables) as object) : {}).sort()).toEqual(declared);
    }
  });

  it('cover the dashboard, a dossier, procedures, a document sent, sync, statistics and the audit log', () => {
    expect(tabs.map((t) => /(?:query|mutation) (\w+)/.exec(t.query)?.[1])).toEqual(['AgencyDashboard', 'DossierLookup', 'ProcedureSearch', 'SendDocument', 'SyncStatus', 'Statistics', 'AuditLog']);
  });
});
