// The fetch guard for links people type in chat. Two checks, both required:
//  1. before each hop (the first request and every redirect): the scheme is http or https, and a
//     host written as an IP address (any spelling) is an address we may reach;
//  2. at connect time: the host name is resolved by the guard's own lookup, every address it
//     resolves to is checked, and the socket connects to those checked addresses. Checking and
//     connecting use the same resolution, so a name that answers a public address to a first
//     lookup and 127.0.0.1 to a second (DNS rebinding) cannot slip between them.
// Config-file sources do not use this: the admin chose them, an intranet feed included.
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { Agent, fetch as undiciFetch } from 'undici';
import { decideAddress, isIpLiteral, type RefusedCategory } from './address.js';

/** Resolves a host name to every address it has (injectable: tests use their own resolver). */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface FetchGuardOptions {
  /** `fetch.allowPrivateAddresses`: private deployments and tests may reach any address. */
  allowPrivateAddresses: boolean;
  resolve?: Resolver;
  /**
   * Origins written with an IP address (`http://127.0.0.1:8080`) reachable even when private
   * addresses are not. Tests use it to let a first local server answer, so that where it
   * redirects is checked; no configuration sets it.
   */
  permitOrigins?: readonly string[];
}

/** Why the guard refused a URL: the scheme, or an address and what kind it is. */
export type Refusal =
  | { kind: 'scheme'; scheme: string }
  | { kind: 'address'; host: string; address: string; category: RefusedCategory };

/** Thrown inside the connector (and found again in the fetch error's causes). */
export class FetchRefusedError extends Error {
  readonly code = 'ERR_NEWSBRIEF_FETCH_REFUSED';
  constructor(readonly refusal: Refusal) {
    super(describeRefusal(refusal));
    this.name = 'FetchRefusedError';
  }
}

/** One sentence for logs and source errors (chat replies use the messages table). */
export function describeRefusal(refusal: Refusal): string {
  return refusal.kind === 'scheme'
    ? `refused: only http and https links are fetched, not ${refusal.scheme}`
    : `refused: ${refusal.host} is a ${refusal.category} address (${refusal.address})`;
}

/** The refusal carried by an error or any of its causes. */
export function refusalOf(err: unknown): Refusal | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++)
    if (e instanceof FetchRefusedError) return e.refusal;
  return undefined;
}

export interface FetchGuard {
  /** A refusal for this hop's URL before anything is sent, or undefined to go ahead. */
  checkUrl(url: URL): Refusal | undefined;
  /** fetch() whose connections resolve and check through the guard. */
  fetch: typeof globalThis.fetch;
  close(): Promise<void>;
}

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export function createFetchGuard(options: FetchGuardOptions): FetchGuard {
  const resolve = options.resolve ?? systemResolver;
  const permit = new Set(options.permitOrigins ?? []);
  const open = options.allowPrivateAddresses;

  function judge(host: string, address: string): Refusal | undefined {
    if (open) return undefined;
    const decision = decideAddress(address);
    return decision.allowed
      ? undefined
      : { kind: 'address', host, address: decision.address, category: decision.category };
  }

  // net.connect's `lookup` hook: the only resolution the connection uses.
  function lookup(
    hostname: string,
    opts: { family?: number | string; all?: boolean },
    callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
  ): void {
    resolve(hostname).then(
      (found) => {
        const family = opts.family === 'IPv4' ? 4 : opts.family === 'IPv6' ? 6 : opts.family;
        const wanted = family === 4 || family === 6 ? found.filter((a) => a.family === family) : found;
        if (wanted.length === 0) {
          const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
          callback(err, '');
          return;
        }
        // Every address is checked, not only the one tried first: a name with one public and one
        // private address is refused.
        for (const a of found) {
          const refusal = judge(hostname, a.address);
          if (refusal) {
            callback(new FetchRefusedError(refusal), '');
            return;
          }
        }
        if (opts.all)
          callback(
            null,
            wanted.map((a) => ({ address: a.address, family: a.family })),
          );
        else callback(null, (wanted[0] as LookupAddress).address, (wanted[0] as LookupAddress).family);
      },
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), ''),
    );
  }

  const agent = new Agent({ connect: { lookup } });

  return {
    checkUrl(url) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return { kind: 'scheme', scheme: url.protocol };
      const host = url.hostname;
      // A host written as an address is connected to without any lookup, so judge it here.
      if (isIpLiteral(host)) return permit.has(url.origin) ? undefined : judge(host, host);
      return undefined;
    },
    fetch: ((input: string | URL, init?: RequestInit) =>
      undiciFetch(input, {
        ...(init as Parameters<typeof undiciFetch>[1]),
        dispatcher: agent,
      })) as unknown as typeof globalThis.fetch,
    close: () => agent.close(),
  };
}
