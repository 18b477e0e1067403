// A temp folder for a test and its removal. Call cleanup() when done (afterAll/afterEach), or
// create it inside a test with tempWorkspaceForTest(), which removes it when the test finishes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

export interface TempWorkspace {
  dir: string;
  /** A path inside the folder. */
  path(...parts: string[]): string;
  /** Removes the folder and everything in it (safe to call twice). */
  cleanup(): void;
}

export function tempWorkspace(prefix = 'newsbrief-test-'): TempWorkspace {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    path: (...parts) => path.join(dir, ...parts),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A workspace removed when the current test finishes, pass or fail. */
export function tempWorkspaceForTest(prefix?: string): TempWorkspace {
  const workspace = tempWorkspace(prefix);
  onTestFinished(() => workspace.cleanup());
  return workspace;
}
