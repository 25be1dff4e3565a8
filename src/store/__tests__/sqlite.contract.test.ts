import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStore, type Store } from '../index';
import { defineAuditHeadContractTests } from './define-audit-head-contract-tests';
import { defineStoreContractTests } from './define-store-contract-tests';

const root = mkdtempSync(path.join(tmpdir(), 'lienthong-store-'));
let count = 0;

afterAll(() => rmSync(root, { recursive: true, force: true }));

const fresh = () => createStore({ dataDir: path.join(root, `store-${(count += 1)}`) });
const reopen = (closed: Store) => createStore({ dataDir: path.dirname(closed.location), sqliteFile: path.basename(closed.location) });

defineStoreContractTests('SQLite file in a temporary directory', fresh, reopen);
defineAuditHeadContractTests('SQLite file in a temporary directory', fresh, reopen);
