import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { labellerLine } from '../pipeline/label/index.js';
import { gatherReportData, type ReportData } from '../pipeline/report/index.js';
import { createLinkedomDocument } from '../report/linkedom-document.js';
import { renderReportHtml } from '../report/render-report.js';
import { simulationViewOf } from '../report/simulation-json.js';
import type { SimulationView } from '../report/simulation-view.js';
import { HiloError } from '../core/errors.js';
import { percent } from '../core/format/format-number.js';
import type { CliIo } from './cli-io.js';
import { withProject } from './with-project.js';

interface ReportFlags {
  project: string;
  out?: string;
  source?: string;
  simulation?: string[];
}

export function registerReport(program: Command, io: CliIo): void {
  program
    .command('report')
    .description(
      'Write one self-contained HTML report (opens offline): accuracy with intervals, confusion matrix, calibration, confidence, accuracy–coverage and cost–accuracy curves, the plan in words.',
    )
    .option('--project <dir>', 'project directory', '.')
    .option('--out <file>', 'HTML file to write (default: report.html in the project directory)')
    .option(
      '--source <source>',
      'labeller to report on, e.g. model:local@2 (default: the labeller of the newest finished label run)',
    )
    .option(
      '--simulation <files...>',
      'add saved `hilo simulate … --json` results as sections (learning curves and tables)',
    )
    .action(async (flags: ReportFlags) => {
      const simulations = await readSimulations(io, flags.simulation ?? []);
      await withProject(flags.project, io, async (ctx) => {
        const data = await gatherReportData({
          store: ctx.store,
          project: ctx.config,
          clock: ctx.clock,
          ...(flags.source ? { source: flags.source } : {}),
        });
        ctx.logger.info(labellerLine(data.source));
        const page = renderReportHtml(data, { document: createLinkedomDocument() }, simulations);
        const path = flags.out ? resolve(io.cwd, flags.out) : join(ctx.dir, 'report.html');
        // Written beside and renamed, so a killed run never leaves half a report.
        const partial = `${path}.${process.pid}.partial`;
        await writeFile(partial, page, 'utf8');
        await rename(partial, path);
        io.out(`wrote ${path}: ${summary(data)}\n`);
      });
    });
}

/** Reads each saved simulation result; a file that is not one is named in the error. */
async function readSimulations(io: CliIo, files: readonly string[]): Promise<SimulationView[]> {
  const views: SimulationView[] = [];
  for (const file of files) {
    const path = resolve(io.cwd, file);
    const text = await readFile(path, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new HiloError('INVALID_INPUT', `not JSON: ${(error as Error).message}`, { file: path });
    }
    views.push(simulationViewOf(json, basename(file)));
  }
  return views;
}

function summary(data: ReportData): string {
  const held = data.heldOut;
  const kind = data.kindFigures;
  const accuracy =
    kind?.kind === 'multilabel'
      ? `${kind.measure} ${percent(kind.accuracy)} on ${kind.items} ${kind.set} items`
      : held
        ? `${percent(held.accuracy.estimate)} accurate (95% CI ${percent(held.accuracy.lower)}–${percent(held.accuracy.upper)}) on ${held.scored} ${held.set} items`
        : 'no held-out item scored yet';
  const policy = data.policy?.appliesToSource
    ? `policy ${data.policy.runId}`
    : 'no policy chosen yet';
  return `${data.source.id} ${accuracy}; ${policy}`;
}
