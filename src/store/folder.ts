// The database's folder, created if missing. Node's recursive mkdir loops forever on some paths
// (a folder under /proc, for one), which left `NEWSBRIEF_DB=/proc/nope/x.db` hanging silently;
// this walks up to the first folder that exists and creates each level below it, so a path that
// cannot be made fails at once with the reason.
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Creates `dir` and any missing parents; throws a plain Error naming the folder that failed. */
export function ensureFolder(dir: string): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    try {
      if (!statSync(current).isDirectory()) throw new Error(`${current} is a file, not a folder`);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      missing.push(current);
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw Object.assign(
        new Error(`cannot create the folder ${folder} (${code ?? (err as Error).message})`),
        {
          code,
        },
      );
    }
  }
}
