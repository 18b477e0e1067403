// The set-up the several-instances tests (test/integration/postgres) share: real `newsbrief
// start` child processes running Slack over HTTP against the fake Slack API, on one PostgreSQL
// database; the config they start with; and a TCP proxy in front of PostgreSQL that a test can
// cut and restore (a server outage, without restarting the shared server other test files use).
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, startSlackBot, type SlackBot } from '../integration/cli/run.js';
import { afterAll } from 'vitest';
import { tempWorkspace } from './workspace.js';

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

export interface ClusterTestBed {
  /** A path in the file's temp folder (configs). */
  path(...parts: string[]): string;
  /** Starts a bot (startSlackBot), stopped after the tests. */
  startBot(env: Record<string, string>, apiUrl: string): Promise<SlackBot>;
  /** Starts `count` bots at once with the same environment. */
  startBots(count: number, env: Record<string, string>, apiUrl: string): Promise<SlackBot[]>;
  /** Hands over a fake server or proxy, closed after the tests (once every bot has stopped). */
  closeAfter<T extends { close(): Promise<void> }>(server: T): T;
}

/**
 * What a several-instances test starts, put away after the tests of the file (or of the describe
 * it is called in) however they ended: first every bot it started, then every server handed to
 * it, then its temp folder.
 */
export function clusterTestBed(prefix: string): ClusterTestBed {
  const workspace = tempWorkspace(prefix);
  const bots: SlackBot[] = [];
  const servers: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await Promise.all(servers.map((s) => s.close()));
    workspace.cleanup();
  });
  const startBot = async (env: Record<string, string>, apiUrl: string) => {
    const bot = await startSlackBot(env, apiUrl);
    bots.push(bot);
    return bot;
  };
  return {
    path: workspace.path,
    startBot,
    // Each is kept as soon as it is up, so one failing to start leaves none of the others running.
    startBots: (count, env, apiUrl) =>
      Promise.all(Array.from({ length: count }, () => startBot(env, apiUrl))),
    closeAfter(server) {
      servers.push(server);
      return server;
    },
  };
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
