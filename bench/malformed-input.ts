/**
 * How `hilo import` ends on hostile input, as a user runs it: the built CLI (`dist/`, so run
 * `npm run build` first) in its own process, each file into a fresh project at the default caps.
 * Prints wall time, peak RSS, exit code and the error line per file, against the targets: a
 * one-line error with exit code 2, no stack trace, within 2 s and 200 MB.
 *
 *   npm run build && npx tsx bench/malformed-input.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(import.meta.dirname, '..');
const MAIN = join(ROOT, 'dist', 'cli', 'main.js');
const TARGET_SECONDS = 2;
const TARGET_RSS_MB = 200;
const MARK = '@@bench@@';

interface Outcome {
  readonly code: number;
  readonly rssMb: number;
}

/** Runs `hilo ARGS` from dist (no TypeScript loader) and reports its exit code and peak RSS. */
const CHILD = `
const { main } = await import(${JSON.stringify(pathToFileURL(MAIN).href)});
const code = await main(process.argv.slice(1));
process.stderr.write('${MARK}' + JSON.stringify({ code, rssMb: process.resourceUsage().maxRSS / 1024 }) + '\\n');
process.exitCode = code;
`;

function files(dir: string): { name: string; path: string; size: number }[] {
  const made: { name: string; path: string; size: number }[] = [];
  const add = (name: string, file: string, bytes: Buffer): void => {
    const path = join(dir, file);
    writeFileSync(path, bytes);
    made.push({ name, path, size: bytes.length });
  };
  const member = gzipSync(Buffer.alloc(16 << 20, 'a'));
  add(
    '2 GiB line in a gzip',
    'line.jsonl.gz',
    Buffer.concat([gzipSync('{"id": "x", "text": "'), ...Array<Buffer>(128).fill(member)]),
  );
  const blanks = gzipSync(Buffer.alloc(16 << 20, '\n'));
  add(
    '2 GiB of blank lines in a gzip',
    'blanks.jsonl.gz',
    Buffer.concat([gzipSync('{"id": "x", "text": "a"}\n'), ...Array<Buffer>(128).fill(blanks)]),
  );
  const quote = `id,text\n1,"opens and never closes\n${'2,more text\n'.repeat(3_000_000)}`;
  add('runaway CSV quote, 36 MB', 'quote.csv', Buffer.from(quote));
  const deep = `{"id": "1", "text": "t", "x": ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}\n`;
  add('1,000,000 levels of nesting', 'deep.jsonl', Buffer.from(deep));
  add(
    'Latin-1 byte after 1M good lines',
    'late.csv',
    Buffer.concat([Buffer.from(`id,text\n`), lines(1_000_000), Buffer.from([0xe9, 0x0a])]),
  );
  return made;
}

function lines(count: number): Buffer {
  let text = '';
  for (let i = 0; i < count; i++) text += `id-${i},some text ${i}\n`;
  return Buffer.from(text);
}

function run(project: string, file: string): { seconds: number; outcome: Outcome; error: string } {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', CHILD, 'import', file, '--project', project],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const seconds = (performance.now() - started) / 1000;
  const stderr = result.stderr;
  const report = stderr.split('\n').find((line) => line.startsWith(MARK));
  const outcome = report
    ? (JSON.parse(report.slice(MARK.length)) as Outcome)
    : { code: result.status ?? -1, rssMb: NaN };
  const error = stderr
    .split('\n')
    .filter((line) => line.startsWith('hilo: '))
    .join(' | ');
  const stack = /\n\s+at /.test(stderr) ? ' [STACK TRACE]' : '';
  return { seconds, outcome, error: error + stack };
}

async function bench(): Promise<void> {
  if (!existsSync(MAIN)) {
    console.error(`${MAIN} is missing: run \`npm run build\` first`);
    process.exitCode = 1;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'hilo-bench-malformed-'));
  try {
    const init = spawnSync(process.execPath, [
      join(ROOT, 'bin', 'hilo.js'),
      'init',
      join(dir, 'p'),
      '--labels',
      'spam,ham',
    ]);
    if (init.status !== 0) throw new Error(`hilo init failed: ${init.stderr.toString()}`);
    console.log(
      `hilo import on hostile files, default caps; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      '| file | size | exit | wall | × target (2 s) | peak RSS | × target (200 MB) | error |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const file of files(dir)) {
      const { seconds, outcome, error } = run(join(dir, 'p'), file.path);
      const mb = (file.size / 1e6).toFixed(1);
      console.log(
        `| ${file.name} | ${mb} MB | ${outcome.code} | ${seconds.toFixed(2)} s | ${(seconds / TARGET_SECONDS).toFixed(2)} | ${outcome.rssMb.toFixed(0)} MB | ${(outcome.rssMb / TARGET_RSS_MB).toFixed(2)} | ${error.replace(dir, '…').slice(0, 140)} |`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await bench();
