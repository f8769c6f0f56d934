// Runs every test file that calls a contract suite (src/testing/contracts) and prints, per
// contract and implementation, how many cases passed, were skipped and failed.
//
//   node scripts/contract-counts.mjs        (npm run contracts)
//
// A suite whose database is missing (PostgreSQL without HILO_TEST_POSTGRES_URL) shows as skipped.
// Exits 1 when a case failed or vitest could not run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { argv, cwd, exit, stderr, stdout } from 'node:process';

const root = cwd();
const CONTRACT = /^(\w+) contract: (.+)$/;

/** Test files that import a contract suite. */
function contractTestFiles(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) contractTestFiles(path, found);
    else if (
      entry.name.endsWith('.test.ts') &&
      /contracts\/[\w-]+\.case\.js'/.test(readFileSync(path, 'utf8'))
    )
      found.push(relative(root, path));
  }
  return found;
}

const files = contractTestFiles(join(root, 'src')).sort();
const out = mkdtempSync(join(tmpdir(), 'hilo-contracts-'));
const report = join(out, 'report.json');
const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=json',
    `--outputFile=${report}`,
    '-t',
    'contract: ',
    ...files,
    ...argv.slice(2),
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
let results;
try {
  results = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  stderr.write(`vitest wrote no report (exit ${run.status})\n`);
  exit(1);
} finally {
  rmSync(out, { recursive: true, force: true });
}

const counts = new Map();
for (const file of results.testResults)
  for (const test of file.assertionResults) {
    const match = CONTRACT.exec(test.ancestorTitles[0] ?? '');
    if (!match) continue;
    const key = `${match[1]}\t${match[2]}`;
    const row = counts.get(key) ?? { passed: 0, skipped: 0, failed: 0 };
    if (test.status === 'passed') row.passed += 1;
    else if (test.status === 'failed') row.failed += 1;
    else row.skipped += 1;
    counts.set(key, row);
  }

const rows = [...counts].sort(([a], [b]) => a.localeCompare(b));
const header = ['contract', 'implementation', 'passed', 'skipped', 'failed'];
const table = [
  header,
  ...rows.map(([key, c]) => [...key.split('\t'), c.passed, c.skipped, c.failed].map(String)),
];
const widths = header.map((_, i) => Math.max(...table.map((cells) => cells[i].length)));
for (const cells of table)
  stdout.write(
    `${cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}\n`,
  );
const failed = rows.reduce((sum, [, c]) => sum + c.failed, 0);
exit(failed > 0 || run.status !== 0 ? 1 : 0);
