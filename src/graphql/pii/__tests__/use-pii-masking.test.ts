import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { graphql } from 'graphql';
import type { Scope } from '../../../auth';
import { schemaDir } from '../../build-schema';
import { usePiiMasking } from '../use-pii-masking';

// The masking as the schema wires it, on a dossier written the way real one-stop systems
// write them: the applicant's name in other cases, forms and spacings, numbers grouped,
// the applicant as the handler of the submission step, an authorised representative, an
// officer whose notes quote the applicant. The @pii directive and its kinds come from
// schema/base.graphql; the types below copy the shape of schema/dossier.graphql.

const typeDefs = [
  readFileSync(path.join(schemaDir(), 'base.graphql'), 'utf8'),
  /* GraphQL */ `
    extend type Query { dossier: Dossier }
    type Dossier {
      code: String
      summary: String @pii(kind: FREE_TEXT)
      applicant: Applicant
      steps: [DossierStep!]!
      submittedPapers: [DossierPaper!]!
    }
    type Applicant {
      name: String @pii(kind: NAME)
      idNumber: String @pii(kind: ID_NUMBER)
      phone: String @pii(kind: PHONE)
    }
    type DossierStep {
      handler: String @pii(kind: ACTOR)
      position: String @pii(kind: FREE_TEXT)
      content: String @pii(kind: FREE_TEXT)
    }
    type DossierPaper {
      name: String @pii(kind: FREE_TEXT)
      url: String @pii(kind: FILE_LINK)
    }
  `,
];

const dossier = {
  code: '000.01.41.H56-250310-0007',
  summary: 'ĐĂNG KÝ KHAI SINH CHO CON - NGUYEN MINH TAM, CCCD 038 089 001 234, ĐT +84 912.345.678',
  applicant: { name: 'Nguyễn Minh Tâm', idNumber: '038089001234', phone: '0912 345 678' },
  steps: [
    { handler: 'NGUYỄN  MINH TÂM'.normalize('NFD'), position: 'Người nộp hồ sơ', content: 'Nộp hồ sơ trực tuyến' },
    { handler: 'Trần Thu Hà', position: 'Người được ủy quyền', content: 'Nộp thay theo giấy ủy quyền' },
    { handler: 'Lê Văn Hùng', position: 'Chuyên viên', content: 'Gọi cho ông Nguyễn Minh Tâm (0912 345 678) bổ sung giấy tờ' },
  ],
  submittedPapers: [{ name: 'CCCD_Nguyen_Minh_Tam.jpg', url: 'https://motcua.thanhhoa.gov.vn/files/CCCD_Nguyen_Minh_Tam.jpg' }],
};

const QUERY = /* GraphQL */ `
  {
    dossier {
      code summary applicant { name idNumber phone }
      steps { handler position content }
      submittedPapers { name url }
    }
  }
`;

async function run(scopes: Scope[], record: unknown = dossier) {
  const schema = usePiiMasking(makeExecutableSchema({ typeDefs, resolvers: { Query: { dossier: () => record } } }));
  const contextValue = { principal: { scopes: new Set(scopes) }, sensitiveFields: new Set<string>() };
  const result = await graphql({ schema, source: QUERY, contextValue });
  expect(result.errors).toBeUndefined();
  return { data: result.data as { dossier: typeof dossier }, sensitiveFields: [...contextValue.sensitiveFields].sort() };
}

describe('@pii masking as wired into the schema', () => {
  it('masks the applicant wherever a dossier names them, however it was written, without pii:read', async () => {
    const { data } = await run(['dossiers:read']);

    expect(data.dossier).toEqual({
      code: '000.01.41.H56-250310-0007',
      summary: 'ĐĂNG KÝ KHAI SINH CHO CON - N*** M*** T***, CCCD 03********34, ĐT 84*******78',
      applicant: { name: 'N*** M*** T***', idNumber: '0380******34', phone: '091*****78' },
      steps: [
        { handler: 'N*** M*** T***', position: 'Người nộp hồ sơ', content: 'Nộp hồ sơ trực tuyến' },
        { handler: 'T*** T*** H***', position: 'Người được ủy quyền', content: 'Nộp thay theo giấy ủy quyền' },
        { handler: 'Lê Văn Hùng', position: 'Chuyên viên', content: 'Gọi cho ông N*** M*** T*** (09******78) bổ sung giấy tờ' },
      ],
      submittedPapers: [{ name: 'CCCD_N*** M*** T***.jpg', url: null }],
    });
  });

  it('lists in the audit every field that carried personal data, and no field that did not', async () => {
    const { sensitiveFields } = await run(['dossiers:read']);

    expect(sensitiveFields).toEqual([
      'Applicant.idNumber',
      'Applicant.name',
      'Applicant.phone',
      'Dossier.summary',
      'DossierPaper.name',
      'DossierPaper.url',
      'DossierStep.content',
      'DossierStep.handler',
    ]);
  });

  it('shows everything as the source sent it with pii:read, and lists the same fields', async () => {
    const { data, sensitiveFields } = await run(['dossiers:read', 'pii:read']);

    expect(data.dossier).toEqual(dossier);
    expect(sensitiveFields).toEqual((await run(['dossiers:read'])).sensitiveFields);
  });

  it('names officers acting in office and records no personal data for a dossier whose steps quote none', async () => {
    const officersOnly = {
      ...dossier,
      summary: 'Đăng ký khai sinh',
      steps: [{ handler: 'Lê Văn Hùng', position: 'Chuyên viên', content: 'Thẩm định hồ sơ, đề xuất giải quyết' }],
      submittedPapers: [],
    };
    const { data, sensitiveFields } = await run(['dossiers:read'], officersOnly);

    expect(data.dossier.steps).toEqual(officersOnly.steps);
    expect(sensitiveFields).toEqual(['Applicant.idNumber', 'Applicant.name', 'Applicant.phone']);
  });
});
