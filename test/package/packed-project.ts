import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A new project outside the repository with the packed hilo installed in it. */
export interface PackedProject {
  /** Temporary folder holding everything below; remove it when done. */
  readonly work: string;
  /** The new project: node_modules/hilo is the unpacked tarball. */
  readonly dir: string;
  /** Paths in the tarball, relative to the package root. */
  readonly files: readonly string[];
  /** Seconds spent packing (the prepare build included) and installing. */
  readonly seconds: { readonly pack: number; readonly install: number };
}

/**
 * Packs the package as `npm publish` would and installs the tarball in a new project.
 *
 * The pack runs in a copy of the working tree (the files git tracks or would track), with
 * node_modules linked: the prepare build empties dist/ and web/dist, which other test files serve
 * while they run.
 *
 * Installing, measured on the 2-core machine: `npm install <tarball> --offline` fails, because
 * the npm cache holds the dependencies' tarballs but not the registry documents npm resolves
 * versions from; `--prefer-offline` took 4 min 7 s, most of it compiling better-sqlite3 from
 * source, since its prebuilt binary cannot be downloaded. So the project links the repository's
 * installed production dependencies (the lockfile's top-level packages not marked dev) into its
 * node_modules and unpacks only the tarball itself as node_modules/hilo, as npm would: well under
 * a second. TypeScript and Node's types are linked too, as a TypeScript user would have them.
 * @example const project = packedProject('/work/hilo'); // then run code in project.dir
 * Complexity: one build of the package, and a copy of the working tree.
 */
export function packedProject(repo: string): PackedProject {
  const work = mkdtempSync(join(tmpdir(), 'hilo-pack-'));
  const source = join(work, 'source');
  copyWorkingTree(repo, source);
  symlinkSync(join(repo, 'node_modules'), join(source, 'node_modules'), 'dir');

  let started = performance.now();
  const printed = execFileSync('npm', ['pack', '--pack-destination', work], {
    cwd: source,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tarball = join(work, printed.trim().split('\n').at(-1) ?? '');
  const pack = (performance.now() - started) / 1000;

  started = performance.now();
  const dir = join(work, 'consumer');
  const installed = join(dir, 'node_modules', 'hilo');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['xzf', tarball, '-C', installed, '--strip-components=1']);
  for (const name of [...productionDependencies(repo), 'typescript', '@types/node']) {
    const target = join(repo, 'node_modules', name);
    if (!existsSync(target)) continue;
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(target, join(dir, 'node_modules', name), 'dir');
  }
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'hilo-user', private: true, type: 'module' }),
  );
  const install = (performance.now() - started) / 1000;

  const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line !== '' && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''));
  return { work, dir, files, seconds: { pack, install } };
}

function copyWorkingTree(repo: string, to: string): void {
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  for (const path of listed.split('\0')) {
    // Deleted but not yet committed files are listed too.
    if (path === '' || !existsSync(join(repo, path))) continue;
    mkdirSync(dirname(join(to, path)), { recursive: true });
    copyFileSync(join(repo, path), join(to, path));
  }
}

/** Top-level packages of the lockfile that a production install has (nested ones come along). */
function productionDependencies(repo: string): string[] {
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
    .map(([path]) => path.slice('node_modules/'.length))
    .filter((name) => !name.includes('/node_modules/'));
}
