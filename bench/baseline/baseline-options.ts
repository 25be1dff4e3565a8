/** What the baseline process is given (`BENCH_BASELINE`, JSON). */
export interface BaselineOptions {
  /** The gateway's data directory: its SQLite store and data key file. */
  dataDir: string;
  auth: { issuer: string; audience: string; jwks: { keys: Array<Record<string, unknown>> } };
  national: { url: string; dstcode: string; username: string; password: string; madonvi: string };
  /** The connected document system whose documents the baseline lists (as configured for the gateway). */
  documents: { url: string; name: string; systemId: string; secret: string; agencyCode: string };
}
