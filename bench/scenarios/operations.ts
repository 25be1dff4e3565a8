/**
 * The operations the bench sends: GraphQL for the gateway and, for the four of issue 12,
 * the baseline's equivalent request, which answers the same JSON. Each names the demo
 * principal that really makes such a call.
 */

/** A year of one province, for the figures. */
export const STATISTICS_ARGS = { agency: '000.00.00.H56', from: '2025-01-01T00:00:00+07:00', to: '2026-01-01T00:00:00+07:00' };

/** The district whose officer opens the agency dashboard. */
export const DASHBOARD_AGENCY = '000.00.41.H56';

/** The organ whose document clerk lists its documents (its system is connected through the gateway). */
export const DOCUMENTS_AGENCY = '000.00.00.H41';

export interface Operation {
  name: string;
  description: string;
  /** Key of the token it is sent with (`SourcesReady.tokens`). */
  principal: string;
  query: string;
  /** Variables of the `i`th request of a worker, given the worker's last answer. */
  variables?: (context: { worker: number; previous: string | null; codes: readonly string[] }) => Record<string, unknown> | undefined;
  /** The baseline's request for the same variables (issue 12's operations only). */
  baselinePath?: (variables: Record<string, unknown> | undefined) => string;
}

const DOSSIER_FIELDS = /* GraphQL */ `code status { code label } receivedAt appointmentAt procedure { name } agency { name } applicant { name idNumber }`;

/** Issue 10: pages of 50 dossiers with filters, and a province's figures for a year. */
export const DOSSIER_OPERATIONS: Operation[] = [
  {
    name: 'dossiers-late-province',
    description: 'province officer: late dossiers of the province, page of 50 with procedure, agency and applicant, total count',
    principal: 'province-officer',
    query: /* GraphQL */ `query LateDossiers { dossiers(first: 50, filter: { late: true }) { totalCount pageInfo { endCursor hasNextPage } nodes { ${DOSSIER_FIELDS} } } }`,
  },
  {
    name: 'dossiers-district-processing',
    description: 'district officer: dossiers in processing (status 4) of the district, page of 50, total count',
    principal: 'district-officer',
    query: /* GraphQL */ `query DistrictDossiers { dossiers(first: 50, filter: { status: [4] }) { totalCount pageInfo { endCursor hasNextPage } nodes { ${DOSSIER_FIELDS} } } }`,
  },
  {
    name: 'dossiers-national-sync',
    description: 'national portal sync: every province, pages of 50 followed by cursor (each worker reads on from its last page), total count',
    principal: 'national-portal-sync',
    query: /* GraphQL */ `query SyncPage($after: String) { dossiers(first: 50, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { code province status { code } receivedAt appointmentAt onTime } } }`,
    variables: ({ previous }) => {
      const page = previous ? (JSON.parse(previous) as { data?: { dossiers?: { pageInfo?: { endCursor?: string; hasNextPage?: boolean } } } }).data?.dossiers?.pageInfo : undefined;
      // Each worker reads on from its own last page, and starts again from the first after the last.
      return page?.hasNextPage ? { after: page.endCursor } : {};
    },
  },
  {
    name: 'dossier-statistics-province-year',
    description: 'province officer: dossierStatistics of the province over one year',
    principal: 'province-officer',
    query: /* GraphQL */ `query Statistics { dossierStatistics(agency: "${STATISTICS_ARGS.agency}", from: "${STATISTICS_ARGS.from}", to: "${STATISTICS_ARGS.to}") { received processed onTime late inProgress overdue onlineRate onTimeRate } }`,
  },
];

/** Issue 12: the four operations compared with the hand-written baseline. */
export const COMPARED_OPERATIONS: Operation[] = [
  {
    name: 'dashboard',
    description: 'agency dashboard: a page of 50 dossiers of a district with procedure name, fees and agency, total count',
    principal: 'district-officer',
    query: /* GraphQL */ `query Dashboard { dossiers(first: 50, filter: { agency: "${DASHBOARD_AGENCY}" }) { totalCount nodes { code status { code label } receivedAt appointmentAt procedure { code name } fees { name amount } agency { code name } } } }`,
    baselinePath: () => `/dashboard?agency=${DASHBOARD_AGENCY}`,
  },
  {
    name: 'procedure-detail',
    description: 'procedure detail: one procedure read live from the national database (LayThuTuc), with sectors, channels, papers, agencies and legal basis; codes in turn',
    principal: 'province-officer',
    query: /* GraphQL */ `query ProcedureDetail($code: ID!) { procedure(code: $code) { code name levels published sectors { code name } channels { channel timeLimits { duration unit fees { amount currency } } } requiredPapers { case papers { name originals copies } } implementingAgencies { code name level } legalBasis { number title issuedOn } } }`,
    variables: ({ worker, codes }) => ({ code: codes[nextIndex(worker, codes.length)] }),
    baselinePath: (variables) => `/procedure/${encodeURIComponent(String(variables?.code))}`,
  },
  {
    name: 'document-list',
    description: 'document list: the 20 newest documents of an organ on the exchange axis',
    principal: 'document-clerk-h41',
    query: /* GraphQL */ `query Documents { documents(first: 20, filter: { agency: "${DOCUMENTS_AGENCY}" }) { totalCount nodes { id documentId direction number notation subject promulgationDate exchangedAt sender { code name } } } }`,
    baselinePath: () => `/documents?agency=${DOCUMENTS_AGENCY}`,
  },
  {
    name: 'dossier-statistics',
    description: 'dossierStatistics of a province over one year, from the rollups',
    principal: 'province-officer',
    query: DOSSIER_OPERATIONS[3]!.query,
    baselinePath: () => `/statistics?agency=${STATISTICS_ARGS.agency}&from=${encodeURIComponent(STATISTICS_ARGS.from)}&to=${encodeURIComponent(STATISTICS_ARGS.to)}`,
  },
];

/**
 * Not an operation of issue 12: the least a request costs each server (the token checked,
 * nothing read), printed beside the four so the fixed cost per request is seen apart from
 * the cost of the data.
 */
export const FLOOR_OPERATION: Operation = {
  name: 'floor',
  description: 'the least a request costs: the token checked, { __typename } answered, nothing read',
  principal: 'province-officer',
  query: /* GraphQL */ `query Floor { __typename }`,
  baselinePath: () => '/floor',
};

/** The operations BENCH_OPERATIONS names (comma list), all of them when it is unset. */
export function selected(operations: Operation[], names = process.env.BENCH_OPERATIONS): Operation[] {
  if (!names) return operations;
  const wanted = new Set(names.split(',').map((n) => n.trim()));
  return operations.filter((o) => wanted.has(o.name));
}

const counters = new Map<number, number>();

/** Each worker walks the list from its own starting point, so concurrent workers ask for different codes. */
function nextIndex(worker: number, length: number): number {
  const at = counters.get(worker) ?? worker * 97;
  counters.set(worker, at + 1);
  return at % length;
}
