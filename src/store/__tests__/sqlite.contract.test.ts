import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStore } from '../index';
import { defineStoreContractTests } from './define-store-contract-tests';

const root = mkdtempSync(path.join(tmpdir(), 'lienthong-store-'));
let count = 0;

afterAll(() => rmSync(root, { recursive: true, force: true }));

defineStoreContractTests(
  'SQLite file in a temporary directory',
  () => createStore({ dataDir: path.join(root, `store-${(count += 1)}`) }),
  (closed) => createStore({ dataDir: path.dirname(closed.location), sqliteFile: path.basename(closed.location) }),
);
