import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));

interface LockedPackage {
  readonly version?: string;
  /** An object; a few old packages still give a list of strings, which npm ignores. */
  readonly engines?: { readonly node?: unknown };
}

/**
 * The locked packages whose `engines.node` excludes the given Node version: what `npm ci` warns
 * about with EBADENGINE.
 * @example enginesFailing(lock.packages, '20.20.2') // ['cookie@2.0.2 wants node >=22']
 */
function enginesFailing(packages: Readonly<Record<string, LockedPackage>>, node: string): string[] {
  return Object.entries(packages).flatMap(([path, locked]) => {
    const range = locked.engines?.node;
    if (typeof range !== 'string' || semver.satisfies(node, range)) return [];
    const name = path === '' ? 'hilo' : path.slice(path.lastIndexOf('node_modules/') + 13);
    return [`${name}@${locked.version} wants node ${range}`];
  });
}

describe('engines', () => {
  it('of every locked package, hilo included, hold on this Node', () => {
    const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, LockedPackage>;
    };
    expect(enginesFailing(lock.packages, process.versions.node)).toEqual([]);
  });

  it('of a package that wants a newer Node are found', () => {
    const packages = {
      'node_modules/light-my-request/node_modules/cookie': {
        version: '2.0.2',
        engines: { node: '>=22' },
      },
      'node_modules/better-sqlite3': { version: '12.11.1', engines: { node: '20.x || 22.x' } },
    };
    expect(enginesFailing(packages, '20.20.2')).toEqual(['cookie@2.0.2 wants node >=22']);
    expect(enginesFailing(packages, '22.1.0')).toEqual([]);
  });
});
