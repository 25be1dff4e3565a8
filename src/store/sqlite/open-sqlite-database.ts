import { chmodSync, closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';

/** How long a statement waits for another connection's write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens the file with the settings every repository relies on:
 * - WAL: readers never block the writer, and a commit is one append to the log.
 * - synchronous=FULL: in WAL mode NORMAL already survives a process crash, but a commit
 *   made just before a power loss or kernel panic can be rolled back. The audit log is a
 *   legal record and the writer commits about once a second, so one fsync per commit is
 *   cheap, and FULL makes "append resolved" mean "on disk", the promise MongoDB gives with
 *   its default journaled majority writes.
 * - busy timeout: another process on the same file (an operator's sqlite3 shell, a second
 *   gateway) makes a writer wait up to {@link BUSY_TIMEOUT_MS}, not fail at once.
 * - foreign_keys=ON, which SQLite leaves off by default.
 * - the file readable by its owner only (0600; SQLite gives its -wal and -shm files the
 *   same mode): personal data in it is sealed, but the audit log, who asked what, is not.
 */
export function openSqliteDatabase(file: string): Database.Database {
  if (file !== ':memory:') {
    // Made (or found) before SQLite opens it, so no moment passes with the file readable by others.
    closeSync(openSync(file, 'a', 0o600));
    try {
      chmodSync(file, 0o600);
    } catch {
      // A file owned by another user (its mode is theirs to set) is opened as it is.
    }
  }
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
