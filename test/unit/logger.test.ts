import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';

function memoryLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger({ level: 'debug', destination, pretty: false }), lines };
}

describe('the logger', () => {
  it('GIVEN an error whose message and stack quote an address with a password THEN the line keeps the address, not the password', () => {
    const { log, lines } = memoryLogger();
    log.error(
      { err: new Error('fetch failed for https://reader:pw-4411@feeds.example.org/x.xml') },
      'source failed',
    );
    const line = lines.join('');
    expect(line).toContain('https://feeds.example.org/x.xml');
    expect(line).not.toContain('pw-4411');
    expect(() => JSON.parse(line)).not.toThrow();
  });
});
