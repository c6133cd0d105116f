import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDependencies } from './dependency-check';

const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as never;
const linux = { os: 'linux', cpu: 'x64' };

describe('the offline dependency check', () => {
  it('passes on the repository as it is', () => {
    expect(checkDependencies(read('package.json'), read('package-lock.json'), linux)).toEqual([]);
  });

  it('names a range, a foreign tarball, a missing integrity and an unapproved install script', () => {
    const problems = checkDependencies(
      { dependencies: { left: '^1.0.0', pad: '1.0.0' }, allowScripts: { good: true } },
      {
        lockfileVersion: 3,
        packages: {
          '': { dependencies: { left: '^1.0.0', pad: '1.0.0' } },
          'node_modules/left': { version: '1.0.0', integrity: 'sha512-x' },
          'node_modules/pad': {
            version: '1.0.0',
            integrity: 'sha1-x',
            resolved: 'http://evil.example/pad.tgz',
          },
          'node_modules/good': { integrity: 'sha512-x', hasInstallScript: true },
          'node_modules/bad': { integrity: 'sha512-x', hasInstallScript: true },
          'node_modules/mac-only': {
            integrity: 'sha512-x',
            hasInstallScript: true,
            optional: true,
            os: ['darwin'],
          },
        },
      },
      linux,
    );
    expect(problems).toEqual([
      'dependencies: left@^1.0.0 is not pinned to an exact version',
      'node_modules/pad: no sha512 integrity',
      'node_modules/pad: resolved from http://evil.example/pad.tgz, not https://registry.npmjs.org/',
      'node_modules/bad: runs an install script but is not in package.json allowScripts',
    ]);
  });
});
