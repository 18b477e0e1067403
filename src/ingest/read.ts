// Reads one configured source, whatever its type, into raw items. Each reader returns failures
// as values, so a broken source is a row in the summary, never an exception.
import type { SourceConfig } from '../config/schema.js';
import { fail } from '../core/result.js';
import type { SourceState } from '../store/ports.js';
import { readDirSource, readFileSource } from './local.js';
import type { SourceRead } from './types.js';

/** What remote readers need: the HTTP client and the source's stored validators. */
export interface ReadContext {
  state?: SourceState;
  remote?: RemoteReader;
  signal?: AbortSignal;
}

/** Feed and page reading, injected so local-only runs need no HTTP machinery. */
export interface RemoteReader {
  read(
    source: Extract<SourceConfig, { type: 'feed' | 'page' }>,
    state: SourceState | undefined,
    signal?: AbortSignal,
  ): Promise<SourceRead>;
}

export async function readSource(source: SourceConfig, context: ReadContext): Promise<SourceRead> {
  switch (source.type) {
    case 'file':
      return readFileSource(source.path);
    case 'dir':
      return readDirSource(source.path);
    case 'feed':
    case 'page':
      if (!context.remote) return fail({ reason: 'web sources are not enabled in this run' });
      return context.remote.read(source, context.state, context.signal);
  }
}
