import type { Command } from 'commander';
import { CALIBRATION_METHODS, type CalibrationMethod } from '../core/calibration/calibrator.js';
import type { CalibrateReport, PerLabelCalibrationReport } from '../pipeline/calibrate/index.js';
import { calibratorName } from '../pipeline/calibrate/index.js';
import { currentLabeller, labellerLine } from '../pipeline/label/index.js';
import type { CliIo } from './cli-io.js';
import { choiceFlag, integerFlag } from './flags.js';
import { withProject } from './with-project.js';

interface CalibrateFlags {
  project: string;
  source?: string;
  method: string;
  folds: string;
  seed: string;
  json?: boolean;
}

export function registerCalibrate(program: Command, io: CliIo): void {
  program
    .command('calibrate')
    .description(
      'Fit calibrators on gold by cross-fitting, report each on held-out gold, and store the best (or a chosen one).',
    )
    .option('--project <dir>', 'project directory', '.')
    .option(
      '--source <source>',
      'labeller whose votes to calibrate (default: the labeller of the newest finished label run)',
    )
    .option(
      '--method <m>',
      `auto|${CALIBRATION_METHODS.filter((m) => m !== 'none').join('|')}|none (auto: lowest held-out NLL)`,
      'auto',
    )
    .option('--folds <n>', 'cross-fitting folds', '5')
    .option('--seed <n>', 'seed of the fold assignment', '1')
    .option('--json', 'print JSON')
    .action(async (flags: CalibrateFlags) => {
      const method = choiceFlag('--method', flags.method, METHODS);
      const folds = integerFlag('--folds', flags.folds, { min: 2 });
      const seed = integerFlag('--seed', flags.seed);
      await withProject(flags.project, io, async (ctx) => {
        const labeller = await currentLabeller({ store: ctx.store, asked: flags.source });
        ctx.logger.info(labellerLine(labeller));
        const source = labeller.id;
        const report = await ctx.calibrate({ source, method, folds, seed });
        for (const warning of report.warnings) ctx.logger.warn(warning);
        io.out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatCalibration(report));
      });
    });
}

const METHODS: readonly (CalibrationMethod | 'auto')[] = ['auto', ...CALIBRATION_METHODS];

const fixed = (x: number | undefined, digits = 4) =>
  x === undefined || Number.isNaN(x) ? '—' : x.toFixed(digits);

/** The comparison of methods as a table; every figure is on gold the calibrator did not see. */
function formatCalibration(r: CalibrateReport): string {
  if (r.perLabel) return formatPerLabel(r, r.perLabel);
  const lines = [
    `${r.source} on ${r.goldItems} gold items, ${r.folds}-fold cross-fitted (every score on gold the calibrator was not fitted on):`,
    `  ${'method'.padEnd(12)} ${'NLL'.padStart(8)} ${'ECE width'.padStart(10)} ${'ECE mass'.padStart(9)} ${'Brier'.padStart(8)} ${'AUROC'.padStart(7)}`,
  ];
  for (const method of CALIBRATION_METHODS) {
    const s = r.scores[method];
    if (!s) continue;
    const mark = method === r.method ? '*' : ' ';
    lines.push(
      `${mark} ${method.padEnd(12)} ${fixed(s.nll).padStart(8)} ${fixed(s.ece).padStart(10)} ${fixed(s.eceMass).padStart(9)} ${fixed(s.brier).padStart(8)} ${fixed(s.auroc, 3).padStart(7)}`,
    );
  }
  const why =
    r.method === r.best ? 'lowest held-out NLL' : `chosen; ${r.best} had the lowest held-out NLL`;
  lines.push(`stored ${r.method} (${why}) as ${calibratorName(r.source)} version ${r.version}`);
  return `${lines.join('\n')}\n`;
}

/** A multi-label calibration: one row per label, its method and held-out ECE of P(label). */
function formatPerLabel(r: CalibrateReport, perLabel: PerLabelCalibrationReport): string {
  const width = Math.max(5, ...perLabel.labels.map((l) => l.label.length));
  const lines = [
    `${r.source} on ${r.goldItems} gold items, ${r.folds}-fold cross-fitted, one calibrator per label (ECE of P(label) against whether it applies, 15 equal-width bins, on gold each calibrator was not fitted on):`,
    `  ${'label'.padEnd(width)} ${'method'.padEnd(12)} ${'applies'.padStart(7)} ${'ECE before'.padStart(10)} ${'ECE after'.padStart(9)}`,
  ];
  for (const row of perLabel.labels) {
    lines.push(
      `  ${row.label.padEnd(width)} ${row.method.padEnd(12)} ${String(row.positives).padStart(7)} ${fixed(row.eceBefore).padStart(10)} ${fixed(row.eceAfter).padStart(9)}`,
    );
  }
  lines.push(
    `  ${'macro'.padEnd(width)} ${''.padEnd(12)} ${''.padStart(7)} ${fixed(perLabel.macro.eceBefore).padStart(10)} ${fixed(perLabel.macro.eceAfter).padStart(9)}`,
    `stored per-label calibration (each label's method by lowest held-out NLL unless --method) as ${calibratorName(r.source)} version ${r.version}`,
  );
  return `${lines.join('\n')}\n`;
}
