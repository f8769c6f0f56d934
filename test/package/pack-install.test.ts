import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packedProject, type PackedProject } from './packed-project.js';
import { readmeExamples } from './readme-examples.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
  main: string;
  types: string;
};
const examples = readmeExamples(
  readFileSync(join(repo, 'README.md'), 'utf8'),
  'Use it as a library',
);
const subpaths = Object.keys(manifest.exports)
  .filter((key) => key !== '.' && key !== './package.json')
  .map((key) => `hilo${key.slice(1)}`);

/** Runs a program in the project; its output, and its exit status. */
function run(project: PackedProject, command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: project.dir, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Calls the declarations must reject: if the types were missing or `any`, tsc would report each
// expect-error directive below as unused.
const misuse = `
import { dawidSkene } from 'hilo/aggregation';
import { guaranteedPolicy } from 'hilo/routing';
import { crossFitCalibration } from 'hilo';
// @ts-expect-error votes must first become a vote matrix
dawidSkene([{ item: 'm1', annotator: 'ana', label: 'spam' }]);
// @ts-expect-error the risk the promise may fail (delta) is required
guaranteedPolicy({ gold: { scores: [0.9], correct: [1] }, pool: [0.8], target: 0.95 });
// @ts-expect-error 'bayes' is not a calibration method
crossFitCalibration({ probs: new Float64Array(4), labels: [0, 1], K: 2, seed: 1, methods: ['bayes'] });
`;

// Every subpath's exports are the main entry's same values.
const entries = `
const main = await import('hilo');
const counts = {};
for (const path of ${JSON.stringify(subpaths)}) {
  const entry = await import(path);
  const names = Object.keys(entry);
  const differ = names.filter((name) => main[name] !== entry[name]);
  counts[path] = differ.length > 0 ? differ : names.length;
}
console.log(JSON.stringify(counts));
`;

describe('the packed package, installed in a new project', () => {
  let project: PackedProject;
  beforeAll(() => {
    project = packedProject(repo);
    console.log(
      `npm pack (with the build) ${project.seconds.pack.toFixed(1)} s, ` +
        `install ${project.seconds.install.toFixed(2)} s, ${project.files.length} files`,
    );
  }, 300_000);
  afterAll(() => {
    if (project) rmSync(project.work, { recursive: true, force: true });
  });

  it('holds what its exports, types and bin point at, and nothing of the tests', () => {
    const targets = [
      ...Object.values(manifest.exports).flatMap((target) =>
        typeof target === 'string' ? [target] : Object.values(target),
      ),
      ...Object.values(manifest.bin),
      manifest.main,
      manifest.types,
      './web/dist/index.html',
    ].map((target) => target.replace(/^\.\//, ''));
    expect(targets.filter((target) => !project.files.includes(target))).toEqual([]);
    const testing = project.files.filter(
      (file) =>
        /(^|\/)(testing|fixtures|src)\//.test(file) ||
        /\.(test|case)\.(js|ts|d\.ts|js\.map)$/.test(file),
    );
    expect(testing).toEqual([]);
  });

  it('type-checks the README examples against its declarations, strict', () => {
    examples.forEach((example, i) =>
      writeFileSync(join(project.dir, `example-${i + 1}.ts`), example.code),
    );
    writeFileSync(join(project.dir, 'misuse.ts'), misuse);
    writeFileSync(
      join(project.dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          target: 'ES2022',
          lib: ['ES2023'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          types: ['node'],
        },
        include: ['*.ts'],
      }),
    );
    const tsc = run(project, process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.']);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 60_000);

  it('runs the README examples as plain JavaScript, printing what the README shows', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
    examples.forEach((example, i) => {
      const file = `example-${i + 1}.mjs`;
      writeFileSync(join(project.dir, file), example.code);
      const node = run(project, process.execPath, [file]);
      expect(node.stderr).toBe('');
      expect(node.stdout).toBe(example.output);
    });
  }, 60_000);

  it('loads every entry point, the main one holding every subpath export', () => {
    writeFileSync(join(project.dir, 'entries.mjs'), entries);
    const node = run(project, process.execPath, ['entries.mjs']);
    expect(node.stderr).toBe('');
    const counts = JSON.parse(node.stdout) as Record<string, number | string[]>;
    expect(Object.keys(counts)).toEqual(subpaths);
    for (const count of Object.values(counts)) expect(count).toBeGreaterThan(5);
  });

  it('runs its bin', () => {
    const hilo = run(project, process.execPath, ['node_modules/hilo/bin/hilo.js', '--help']);
    expect(hilo.status).toBe(0);
    expect(hilo.stdout).toMatch(/^Usage: hilo /);
  });
});
