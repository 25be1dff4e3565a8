import { getOperationAST, parse } from 'graphql';
import { buildSchema } from '../../graphql/build-schema';
import { countResultRecords } from '../count-result-records';

const schema = buildSchema();
const count = (query: string, data: unknown) => {
  const document = parse(query);
  return countResultRecords(schema, document, getOperationAST(document)!, data);
};

describe('records counted in a result outside Apollo', () => {
  it('counts each object a field returned, every item of a list, and nothing for null', () => {
    const data = {
      dossierStatusChanged: {
        dossierCode: 'X',
        status: { code: 4, label: 'Đang xử lý' },
        previousStatus: null,
        dossier: { code: 'X', applicant: { name: 'N*** V*** A***' }, steps: [{ handler: 'a' }, { handler: 'b' }, null] },
      },
    };
    expect(count(/* GraphQL */ `subscription { dossierStatusChanged { dossierCode status { code label } previousStatus { code } dossier { code applicant { name } steps { handler } } } }`, data)).toEqual({
      DossierStatusChange: 1,
      NationalStatus: 1,
      Dossier: 1,
      Applicant: 1,
      DossierStep: 2,
    });
  });

  it('follows aliases and fragments, and counts a field selected twice once', () => {
    const data = { a: { dossier: { applicant: { name: 'x', phone: 'y' } } }, b: { status: { code: 2 } } };
    const query = /* GraphQL */ `
      subscription { a: dossierStatusChanged { ...F dossier { applicant { phone } } } b: dossierStatusChanged { ... on DossierStatusChange { status { code } } } }
      fragment F on DossierStatusChange { dossier { applicant { name } } }
    `;
    expect(count(query, data)).toEqual({ DossierStatusChange: 2, Dossier: 1, Applicant: 1, NationalStatus: 1 });
    expect(count(query, null)).toEqual({});
  });
});
