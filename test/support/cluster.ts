// What the several-instances tests (test/integration/postgres) share beyond the running bots
// (botTestBed, startSlackBot in test/integration/cli/run.ts): the config the instances start with,
// a poll until something holds, and a TCP proxy in front of PostgreSQL that a test can cut and
// restore (a server outage, without restarting the shared server other test files use).
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../integration/cli/run.js';

/**
 * Writes the config the instances share to `file`: one topic, japan-defense, over the one local
 * article the repository ships (so /brief answers with no network). Returns `file`.
 */
export function writeSeedConfig(file: string): string {
  writeFileSync(
    file,
    [
      'sources:',
      '  - id: seed',
      '    type: file',
      `    path: ${path.join(repoRoot, 'config/articles/ap-biden-kishida-2023-01-13.txt')}`,
      'topics:',
      '  - slug: japan-defense',
      '    title: Japan defense',
      '    keywords: [japan, kishida, defense]',
      '',
    ].join('\n'),
  );
  return file;
}

/** Polls `probe` until it returns true (or throws after `ms`). */
export async function until(
  probe: () => boolean | Promise<boolean>,
  ms: number,
  what: string,
  explain?: () => string | Promise<string>,
): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}${explain ? `: ${await explain()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface PgProxy {
  /** The database URL with the proxy's port in place of the server's. */
  url: string;
  /** Drops every connection and refuses new ones (the server is "down"). */
  cut(): Promise<void>;
  /** Accepts connections again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 to the database in `target`. */
export async function startPgProxy(target: string): Promise<PgProxy> {
  const to = new URL(target);
  const sockets = new Set<Socket>();
  const make = () =>
    createServer((client) => {
      const upstream = connect(Number(to.port || 5432), to.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  let server: Server = make();
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const port = await listen(0);
  const url = new URL(target);
  url.port = String(port);
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  return {
    url: url.toString(),
    cut: stop,
    async restore() {
      server = make();
      await listen(port);
    },
    close: stop,
  };
}
