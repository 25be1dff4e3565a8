/**
 * The hand-written baseline of issue 12: a plain `node:http` server, no GraphQL, that
 * answers the four compared operations with the same JSON as the gateway, making the same
 * upstream calls, with the same token check. Run by the bench in a process of its own
 * (`BENCH_BASELINE`, JSON `BaselineOptions`); see bench/README.md for what it does and
 * does not do, and why that is the fair comparison.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAgencyCode } from '../../src/domain';
import { serveCommands } from '../harness/ipc';
import type { BaselineOptions } from './baseline-options';
import { dashboard } from './dashboard';
import { createDocumentList } from './document-list';
import { openStoreReader } from './open-store-reader';
import { createProcedureDetail } from './procedure-detail';
import { statistics } from './statistics';
import { createCallerCheck, Refusal } from './verify-caller';

async function main(): Promise<void> {
  const options = JSON.parse(process.env.BENCH_BASELINE ?? '{}') as BaselineOptions;
  const store = openStoreReader(options.dataDir);
  const verifyCaller = createCallerCheck(options);
  const procedures = createProcedureDetail(options, store.catalogue);
  const documents = createDocumentList(options, store.catalogue);

  const agencyParameter = (url: URL): string => {
    const agency = url.searchParams.get('agency') ?? '';
    if (!parseAgencyCode(agency)) throw new Refusal(400, '"agency" must be an agency code');
    return agency;
  };

  async function answer(req: http.IncomingMessage, url: URL): Promise<unknown> {
    if (url.pathname === '/floor') {
      await verifyCaller(req, 'procedures:read');
      return { data: { __typename: 'Query' } };
    }
    if (url.pathname === '/dashboard') {
      const agency = agencyParameter(url);
      await verifyCaller(req, 'dossiers:read', agency);
      return dashboard(store, agency);
    }
    if (url.pathname.startsWith('/procedure/')) {
      await verifyCaller(req, 'procedures:read');
      return procedures.detail(decodeURIComponent(url.pathname.slice('/procedure/'.length)));
    }
    if (url.pathname === '/documents') {
      const agency = agencyParameter(url);
      await verifyCaller(req, 'documents:read', agency);
      if (agency !== options.documents.agencyCode) return { data: { documents: { totalCount: 0, nodes: [] } } };
      return documents.list();
    }
    if (url.pathname === '/statistics') {
      const agency = agencyParameter(url);
      await verifyCaller(req, 'dossiers:read', agency);
      const fromMs = Date.parse(url.searchParams.get('from') ?? '');
      const toMs = Date.parse(url.searchParams.get('to') ?? '');
      if (!(fromMs < toMs)) throw new Refusal(400, '"from" must be an instant before "to"');
      return statistics(store, agency, fromMs, toMs);
    }
    throw new Refusal(404, `no route ${url.pathname}`);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://baseline');
    answer(req, url).then(
      (body) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
      },
      (err: unknown) => {
        const status = err instanceof Refusal ? err.status : 500;
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ errors: [{ message: err instanceof Error ? err.message : String(err) }] }));
      },
    );
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  serveCommands(
    {
      /** Upstream calls made so far: SQL statements on the store, HTTP calls to the national database and the axis. */
      calls: () => ({ store: store.statements, national: procedures.upstreamCalls, axis: documents.upstreamCalls }),
    },
    { url: `http://127.0.0.1:${port}` },
    async () => {
      server.close();
      await Promise.all([procedures.close(), documents.close()]);
      store.close();
    },
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
