import type { Command } from 'commander';
import type { SuspectsRun } from '../compose/index.js';
import type { Suspect } from '../pipeline/suspects/index.js';
import type { CliIo } from './cli-io.js';
import { choiceFlag, integerFlag } from './flags.js';
import { withProject } from './with-project.js';

interface SuspectsFlags {
  project: string;
  top: string;
  folds: string;
  rank: string;
  queue?: boolean;
  json?: boolean;
}

const RANKINGS = ['self-confidence', 'normalized-margin'] as const;

export function registerSuspects(program: Command, io: CliIo): void {
  program
    .command('suspects')
    .description(
      'Likely mislabelled items among the final labels (confident learning over out-of-fold predictions of the local model), with the votes behind each label.',
    )
    .option('--project <dir>', 'project directory', '.')
    .option('--top <n>', 'suspects to list', '20')
    .option('--folds <k>', 'folds of the cross-fit', '5')
    .option('--rank <how>', `order of the list: ${RANKINGS.join(' or ')}`, 'self-confidence')
    .option('--queue', 'send the listed suspects to people review')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nFinal labels are accepted, people’s and aggregated decisions; reviewer, gold and control labels teach the model but are never listed, test items are left out.\nThe local model (labeller.local) is trained k times, each time without one fold, so every item is judged by a model that never saw its label.',
    )
    .action(async (flags: SuspectsFlags) => {
      const top = integerFlag('--top', flags.top, { min: 1 });
      const folds = integerFlag('--folds', flags.folds, { min: 2 });
      const rankBy = choiceFlag('--rank', flags.rank, RANKINGS);
      await withProject(flags.project, io, async (ctx) => {
        const run = await ctx.suspects({ top, folds, rankBy, queue: flags.queue === true });
        io.out(
          flags.json ? `${JSON.stringify(run, null, 2)}\n` : formatSuspects(run, ctx.config.fields),
        );
      });
    });
}

/** The summary, one block per suspect (label, model's view, votes, text), then what was queued. */
export function formatSuspects(run: SuspectsRun, fields: readonly string[]): string {
  const thresholds = Object.entries(run.thresholds)
    .map(([label, t]) => `${label} ${t === null ? '–' : t.toFixed(2)}`)
    .join(', ');
  const share = run.checked > 0 ? (100 * run.estimatedErrors) / run.checked : 0;
  const lines = [
    `checked ${run.checked} final labels (${run.trusted} expert or reviewer labels among them, never listed) with the local model (${run.classifier} over ${run.input}), ${run.folds}-fold out-of-fold`,
    `per-class thresholds: ${thresholds}`,
    `estimated wrong labels: ${Math.round(run.estimatedErrors)} (${share.toFixed(1)}%); flagged ${run.flagged}${run.suspects.length > 0 ? `; the first ${run.suspects.length} by ${run.rankBy}:` : ''}`,
  ];
  run.suspects.forEach((s, i) => lines.push(...suspectLines(s, i + 1, fields)));
  if (run.queued) {
    const already =
      run.queued.alreadyUnderReview > 0
        ? ` (${run.queued.alreadyUnderReview} already under review kept their reason)`
        : '';
    lines.push(`queued ${run.queued.queued} for review${already}`);
  }
  return `${lines.join('\n')}\n`;
}

function suspectLines(s: Suspect, rank: number, fields: readonly string[]): string[] {
  const votes = s.votes
    .map(
      (v) =>
        `${v.who}: ${v.label ?? '(abstained)'}${v.probability !== null && v.probability < 1 ? ` (${v.probability.toFixed(2)})` : ''}`,
    )
    .join(', ');
  const text = fields
    .map((f) => s.fields[f])
    .filter((v) => v !== undefined && v !== null)
    .map(String)
    .join(' | ')
    .replace(/\s+/g, ' ');
  return [
    `${String(rank).padStart(3)}. ${s.itemId}: given ${s.given}, model says ${s.suggested} (p=${s.suggestedProbability.toFixed(2)}; p(${s.given})=${s.selfConfidence.toFixed(2)}, margin ${s.normalizedMargin.toFixed(2)})`,
    `     decided by ${s.decidedBy} (${s.decisionSource}); votes: ${votes === '' ? 'none' : votes}`,
    `     "${text.length > 100 ? `${text.slice(0, 99)}…` : text}"`,
  ];
}
