import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm,
  ))
    specs.push((m[1] ?? m[2] ?? m[3]) as string);
  return specs;
}

describe('architecture', () => {
  it('GIVEN the core THEN every import stays inside src/core (no SDKs, no node:*, no store)', () => {
    const coreDir = path.join(root, 'src/core');
    const offenders: string[] = [];
    for (const file of filesUnder(coreDir)) {
      for (const spec of importsOf(file)) {
        const inside =
          spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(coreDir + path.sep);
        if (!inside) offenders.push(`${path.relative(root, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('GIVEN an adapter folder THEN it imports no other adapter folder and not the store', () => {
    const adaptersDir = path.join(root, 'src/adapters');
    const offenders: string[] = [];
    const folders = readdirSync(adaptersDir).filter((n) => statSync(path.join(adaptersDir, n)).isDirectory());
    expect(folders).toEqual(expect.arrayContaining(['console', 'discord', 'slack']));
    for (const folder of folders) {
      const own = path.join(adaptersDir, folder) + path.sep;
      for (const file of filesUnder(path.join(adaptersDir, folder))) {
        for (const spec of importsOf(file)) {
          if (!spec.startsWith('.')) continue;
          const target = path.resolve(path.dirname(file), spec);
          const otherAdapter =
            target.startsWith(adaptersDir + path.sep) &&
            !target.startsWith(own) &&
            path.dirname(target) !== adaptersDir;
          const store = target.startsWith(path.join(root, 'src/store') + path.sep);
          if (otherAdapter || store) offenders.push(`${path.relative(root, file)} imports ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('GIVEN the store THEN it imports nothing under src/ outside src/store and src/core', () => {
    const storeDir = path.join(root, 'src/store') + path.sep;
    const coreDir = path.join(root, 'src/core') + path.sep;
    const offenders: string[] = [];
    for (const file of filesUnder(path.join(root, 'src/store'))) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), spec);
        if (!target.startsWith(storeDir) && !target.startsWith(coreDir))
          offenders.push(`${path.relative(root, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('GIVEN any source file outside src/config THEN it never reads process.env', () => {
    const offenders = filesUnder(path.join(root, 'src'))
      .filter((f) => !f.startsWith(path.join(root, 'src/config') + path.sep))
      .filter((f) => /process\.env\b/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('GIVEN the commands registry THEN every command file is registered and every registered name is unique', async () => {
    const { commands } = await import('../../src/commands/registry.js');
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const files = readdirSync(path.join(root, 'src/commands')).filter(
      (f) =>
        /defineCommand\(/.test(readFileSync(path.join(root, 'src/commands', f), 'utf8')) &&
        f !== 'definition.ts',
    );
    expect(files.length).toBe(commands.length);
  });
});
