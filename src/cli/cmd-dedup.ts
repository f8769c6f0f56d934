import { resolve } from 'node:path';
import type { Command } from 'commander';
import { count, decimal } from '../core/format/format-number.js';
import type { DedupRun } from '../compose/project-dedup.js';
import type { CliIo } from './cli-io.js';
import { choiceFlag, integerFlag, numberFlag } from './flags.js';
import { withProject } from './with-project.js';

interface DedupFlags {
  project: string;
  threshold?: string;
  shingle?: string;
  unit?: string;
  hashes?: string;
  apply?: boolean;
  out?: string;
}

/** Clusters and pairs printed; the clusters file (`--out`) has them all. */
const SHOWN = 5;
const TEXT_WIDTH = 70;

export function registerDedup(program: Command, io: CliIo): void {
  program
    .command('dedup')
    .description(
      'Find exact and near-duplicate items (MinHash over shingles); --apply marks them so they are not labelled or paid twice.',
    )
    .option('--project <dir>', 'project directory', '.')
    .option(
      '--threshold <j>',
      'Jaccard similarity of shingles for a near duplicate (default dedup.threshold, 0.8)',
    )
    .option('--shingle <n>', 'shingle length (default dedup.shingle, 5)')
    .option('--unit <unit>', 'char | word shingles (default dedup.unit, char)')
    .option('--hashes <n>', 'MinHash values per text (default dedup.hashes, 128)')
    .option('--apply', 'mark duplicates in the store: they share their representative’s decision')
    .option('--out <file>', 'write every cluster’s members to this file (JSONL, CSV, TSV, Parquet)')
    .addHelpText(
      'after',
      '\nExamples:\n  hilo dedup\n  hilo dedup --threshold 0.9 --out clusters.csv\n  hilo dedup --apply',
    )
    .action(async (flags: DedupFlags) => {
      await withProject(flags.project, io, async (ctx) => {
        const run = await ctx.dedup({
          ...(flags.threshold !== undefined
            ? { threshold: numberFlag('--threshold', flags.threshold, { min: 0.01, max: 1 }) }
            : {}),
          ...(flags.shingle !== undefined
            ? { shingle: integerFlag('--shingle', flags.shingle, { min: 1, max: 64 }) }
            : {}),
          ...(flags.unit !== undefined
            ? { unit: choiceFlag('--unit', flags.unit, ['char', 'word'] as const) }
            : {}),
          ...(flags.hashes !== undefined
            ? { hashes: integerFlag('--hashes', flags.hashes, { min: 8, max: 1024 }) }
            : {}),
          ...(flags.apply ? { apply: true } : {}),
          ...(flags.out !== undefined ? { clustersFile: resolve(io.cwd, flags.out) } : {}),
        });
        io.out(formatDedup(run, flags.out));
      });
    });
}

/**
 * The report of `hilo dedup`: settings, counts, the largest clusters, the pairs either side of the
 * threshold, leaks of test items, and what `--apply` did.
 * @example io.out(formatDedup(run))
 */
export function formatDedup(run: DedupRun, out?: string): string {
  const { found, settings } = run;
  const lines: string[] = [];
  const duplicates = found.clusters.reduce((sum, c) => sum + c.members.length - 1, 0);
  lines.push(
    `dedup of ${count(found.items)} items: Jaccard ≥ ${settings.threshold} on ${settings.shingle}-${settings.unit} shingles, ` +
      `${settings.hashes} MinHash values in ${found.banding.bands} bands of ${found.banding.rows} (${run.seconds.toFixed(1)} s)`,
  );
  lines.push(
    `${count(found.clusters.length)} clusters of duplicates holding ${count(duplicates + found.clusters.length)} items ` +
      `(${count(found.exactPairs)} exact copies once normalised, ${count(found.nearPairs)} near pairs verified of ${count(found.candidates)} candidates)`,
  );
  for (const cluster of found.clusters.slice(0, SHOWN)) {
    const lead = cluster.members[0];
    if (lead === undefined) continue;
    lines.push(
      `  ${cluster.members.length} items, ${cluster.representative === null ? 'all test items' : `representative ${lead.id} (${lead.role})`}: ${clip(lead.text)}`,
    );
    const others = cluster.members.slice(1, 4).map((m) => `${m.id} (${decimal(m.similarity, 2)})`);
    const more = cluster.members.length > 4 ? ` and ${cluster.members.length - 4} more` : '';
    lines.push(`    ${others.join(', ')}${more}`);
  }
  const { above, below } = found.nearThreshold;
  if (above.length > 0 || below.length > 0) {
    lines.push(
      'pairs nearest the threshold (a higher one would part the first, a lower one join the second):',
    );
    for (const p of above.slice(0, SHOWN))
      lines.push(`  ${decimal(p.similarity, 3)} ≥  ${p.first} ~ ${p.second}`);
    for (const p of below.slice(0, SHOWN))
      lines.push(`  ${decimal(p.similarity, 3)} <  ${p.first} ~ ${p.second}`);
  }
  if (found.leaks.length > 0) {
    lines.push(
      `leak: ${count(found.leaks.length)} test items duplicate items outside the test set (they stay unmarked; the test measure may be inflated):`,
    );
    for (const leak of found.leaks.slice(0, SHOWN)) {
      lines.push(
        `  test ${leak.testId} ~ ${leak.otherRole} ${leak.otherId} (${decimal(leak.similarity, 2)})`,
      );
    }
  }
  if (out !== undefined) lines.push(`clusters written to ${out}`);
  if (run.applied === null) {
    lines.push(
      found.marks.length > 0
        ? `${count(found.marks.length)} pool items would be marked as duplicates: run with --apply to skip them in labelling and the people queue`
        : 'no pool item to mark',
    );
  } else {
    const { marked, dequeued, shared } = run.applied;
    lines.push(
      `marked ${count(marked)} pool items as duplicates (earlier marks replaced); ${count(shared)} took their representative’s decision` +
        (dequeued > 0 ? `; ${count(dequeued)} taken out of the people queue` : ''),
    );
  }
  return `${lines.join('\n')}\n`;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > TEXT_WIDTH ? `${flat.slice(0, TEXT_WIDTH - 1)}…` : flat);
}
