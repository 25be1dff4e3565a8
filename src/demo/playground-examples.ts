import type { PlaygroundTab } from '../server/playground';

export interface ExampleFacts {
  /** A dossier of the ward 000.01.41.H56, which every Thanh Hóa officer of the demo may read; null without provinces. */
  dossierCode: string | null;
  /** The statistics period, a year ending after the simulators' clock. */
  from: string;
  to: string;
}

const json = (value: Record<string, unknown>): string => JSON.stringify(value, null, 2);

/**
 * The operations the demo's playground opens, one tab per kind of user, each naming the
 * principal to pick in the bar and what changes with another one.
 */
export function playgroundExamples({ dossierCode, from, to }: ExampleFacts): PlaygroundTab[] {
  return [
    {
      query: /* GraphQL */ `# Agency dashboard — pick district-officer (Thành phố Thanh Hóa) or province-officer.
# As commune-officer the filter names an agency above its own: FORBIDDEN_JURISDICTION.
query AgencyDashboard($agency: ID!, $from: DateTime!, $to: DateTime!) {
  late: dossiers(first: 5, filter: { agency: $agency, status: [4], late: true }) {
    totalCount
    nodes { code status { code label } receivedAt appointmentAt procedure { name } agency { name } applicant { name } }
  }
  inProgress: dossiers(first: 1, filter: { agency: $agency, status: [2, 4] }) { totalCount }
  dossierStatistics(agency: $agency, from: $from, to: $to) { received processed onTime late inProgress overdue onTimeRate }
}
`,
      variables: json({ agency: '000.00.41.H56', from, to }),
    },
    {
      query: /* GraphQL */ `# Dossier lookup — a dossier of the ward 000.01.41.H56. Every Thanh Hóa officer may read it;
# as commune-officer (no pii:read) the applicant and free text come masked;
# as developer (procedures:read only) it answers FORBIDDEN.
query DossierLookup($code: ID!) {
  dossier(code: $code) {
    code province receiptNumber channel onTime
    status { code label vendorCode }
    submittedAt receivedAt appointmentAt finishedAt
    procedure { code name }
    agency { code name level }
    applicant { name idNumber phone address }
    steps { handler position content status startedAt finishedAt }
    freshness { stale asOf }
  }
}
`,
      variables: json({ code: dossierCode ?? '000.01.41.H56-261030-0001' }),
    },
    {
      query: /* GraphQL */ `# Procedure search — anyone with procedures:read, the developer included.
# Served from the gateway's copy of the national catalogue when the source is down (freshness.stale).
query ProcedureSearch($text: String!) {
  procedures(first: 5, filter: { text: $text }) {
    totalCount
    freshness { stale asOf reason }
    nodes {
      code name levels
      sectors { name }
      channels { channel timeLimits { duration unit fees { amount currency } } }
      implementingAgencies { code name level }
    }
  }
}
`,
      variables: json({ text: 'khai sinh' }),
    },
    {
      query: /* GraphQL */ `# Sending a document — pick document-clerk-h41 (văn thư of Nghệ An, whose document system is
# connected through the gateway). It goes out as signed edXML over the exchange axis;
# nobody sends in the name of an agency it does not act for.
mutation SendDocument($input: SendDocumentInput!) {
  sendDocument(input: $input) {
    id documentId direction number notation subject
    signature { status signer { name organisation } }
    deliveries { recipient { code name } delivered sentAt }
    statusHistory { code label by { code } at }
  }
}
`,
      variables: json({
        input: {
          from: '000.00.00.H41',
          to: ['000.00.00.G22'],
          number: '125',
          notation: 'UBND-VX',
          subject: 'Báo cáo tình hình giải quyết thủ tục hành chính quý III',
        },
      }),
    },
    {
      query: /* GraphQL */ `# Sync status — pick national-portal-sync (sync:admin): how each province's copy is kept
# in step, and what waits to be pushed to the National Public Service Portal.
query SyncStatus {
  syncStatus {
    source province phase loadingPercent dossiers lastReadAt lagSeconds
    pending inFlight pushedToday failedToday deadLetters paused
    lastPass { at ok error durationMs read created updated unchanged }
  }
}
`,
    },
    {
      query: /* GraphQL */ `# Statistics — the figures a province publishes, as province-officer; narrow the agency to a
# district (000.00.41.H56) or a ward (000.01.41.H56) as the officers of those levels.
query Statistics($agency: ID!, $from: DateTime!, $to: DateTime!) {
  dossierStatistics(agency: $agency, from: $from, to: $to) {
    received processed onTime late inProgress overdue onlineRate onTimeRate
  }
}
`,
      variables: json({ agency: '000.00.00.H56', from, to }),
    },
    {
      query: /* GraphQL */ `# Audit log — pick security-auditor (every entry, refused requests included) or auditor
# (the callers acting for Thanh Hóa's agencies). Run the other tabs first to see them here.
query AuditLog {
  auditLog(first: 10) {
    nodes { at operationName operationType outcome errorCodes subject client agency { code } sensitiveFields durationMs }
  }
}
`,
    },
  ];
}
