// Where the store lives, from NEWSBRIEF_DB or --db: a path (or file: URL) is a SQLite file, the
// zero-set-up default; a postgres:// (or postgresql://) URL is a PostgreSQL database that several
// instances can share (src/store/postgres/).
import { fileURLToPath } from 'node:url';

export type StoreLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

const POSTGRES = /^postgres(ql)?:\/\//i;

/** Reads a NEWSBRIEF_DB / --db value; a string is the problem when the value cannot be used. */
export function storeLocation(value: string): StoreLocation | string {
  if (POSTGRES.test(value)) {
    try {
      const u = new URL(value);
      if (!u.hostname && !u.searchParams.get('host'))
        return 'must name a host, like postgres://user@db.example:5432/newsbrief';
      return { kind: 'postgres', url: value };
    } catch {
      return 'is not a valid postgres:// URL';
    }
  }
  if (/^file:/i.test(value)) {
    try {
      return { kind: 'sqlite', path: fileURLToPath(value) };
    } catch {
      return 'is not a valid file: URL (use file:///absolute/path.db or a plain path)';
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'must be a file path, a file: URL or a postgres:// URL';
  return { kind: 'sqlite', path: value };
}

/** The password inside a postgres URL, so the logger can redact it wherever it appears. */
export function storeSecret(value: string): string | undefined {
  if (!POSTGRES.test(value)) return undefined;
  try {
    const password = decodeURIComponent(new URL(value).password);
    return password.length > 0 ? password : undefined;
  } catch {
    return undefined;
  }
}
