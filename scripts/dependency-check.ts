import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * An offline check of the dependency tree (`npm audit` and `npm audit signatures` need a registry
 * service this CI cannot reach). It guards the supply chain where it can without a network:
 *
 * - every direct dependency in package.json is pinned to an exact version (no ranges, tags, git, file
 *   or URL specs), and the lockfile's root lists the same ones;
 * - every installed package in package-lock.json carries a sha512 `integrity` (npm ci refuses a tarball
 *   that does not match it) and, when it records where it came from, comes from registry.npmjs.org over
 *   HTTPS;
 * - no package runs an install script unless package.json's `allowScripts` names it (or it is an
 *   optional binary for another platform, which is never installed here): a new install script, the
 *   usual way a compromised package runs code on `npm ci`, fails the check.
 *
 * It does not know about published vulnerabilities; `npm audit` against the registry does, where the
 * network allows (docs/operations.md, "Security").
 */
interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
}
interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  optional?: boolean;
  hasInstallScript?: boolean;
  os?: string[];
  cpu?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

const EXACT = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
const REGISTRY = 'https://registry.npmjs.org/';

export function checkDependencies(
  pkg: PackageJson,
  lock: Lockfile,
  platform: { os: string; cpu: string } = { os: process.platform, cpu: process.arch },
): string[] {
  const problems: string[] = [];
  if (lock.lockfileVersion < 2) problems.push(`lockfileVersion ${lock.lockfileVersion} is too old`);
  const root = lock.packages[''] ?? {};
  for (const field of ['dependencies', 'devDependencies'] as const) {
    const declared = pkg[field] ?? {};
    for (const [name, spec] of Object.entries(declared)) {
      if (!EXACT.test(spec)) problems.push(`${field}: ${name}@${spec} is not pinned to an exact version`);
      if (root[field]?.[name] !== spec)
        problems.push(`${field}: ${name}@${spec} differs in package-lock.json`);
    }
  }
  const allowed = new Set(Object.keys(pkg.allowScripts ?? {}).filter((name) => pkg.allowScripts?.[name]));
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (location === '' || entry.link) continue;
    const name = location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (!entry.integrity?.startsWith('sha512-')) problems.push(`${location}: no sha512 integrity`);
    if (entry.resolved !== undefined && !entry.resolved.startsWith(REGISTRY)) {
      problems.push(`${location}: resolved from ${entry.resolved}, not ${REGISTRY}`);
    }
    if (entry.hasInstallScript && !allowed.has(name)) {
      const elsewhere =
        entry.optional === true &&
        ((entry.os !== undefined && !entry.os.includes(platform.os)) ||
          (entry.cpu !== undefined && !entry.cpu.includes(platform.cpu)));
      if (!elsewhere)
        problems.push(`${location}: runs an install script but is not in package.json allowScripts`);
    }
  }
  return problems;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const root = path.resolve(import.meta.dirname, '..');
  const read = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as T;
  const lock = read<Lockfile>('package-lock.json');
  const problems = checkDependencies(read<PackageJson>('package.json'), lock);
  if (problems.length > 0) {
    console.error(`Dependency check failed:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(
    `Dependency check: ${Object.keys(lock.packages).length - 1} packages pinned, with integrity, scripts allowed.`,
  );
}
