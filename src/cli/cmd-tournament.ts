import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseDocument } from 'yaml';
import { annotationCost } from '../core/cost/cost-model.js';
import { HiloError } from '../core/errors.js';
import { percent, usd } from '../core/format/format-number.js';
import { ITEM_ROLES, type ItemRole } from '../core/types.js';
import { labellerSetting, runTournament, type TournamentResult } from '../pipeline/learn/index.js';
import { loadProject, projectFilePath } from '../project/project-file.js';
import type { CliIo } from './cli-io.js';
import { withProject } from './compose.js';

interface TournamentFlags {
  project: string;
  roles: string;
  minItems: string;
  apply?: boolean;
  json?: boolean;
}

export function registerTournament(program: Command, io: CliIo): void {
  program
    .command('tournament')
    .description(
      'Compare every machine labeller on items with trusted labels by accuracy and cost; --apply makes the best per cost the first pass.',
    )
    .option('--project <dir>', 'project directory', '.')
    .option('--roles <list>', 'roles whose trusted labels judge the labellers', 'gold,test')
    .option('--min-items <n>', 'labellers scored on fewer items are listed but not ranked', '30')
    .option('--apply', 'set labeller.default (and labeller.llm.model) in hilo.yaml to the winner')
    .option('--json', 'print JSON')
    .action(async (flags: TournamentFlags) => {
      const roles = flags.roles.split(',').map((r) => r.trim()) as ItemRole[];
      for (const role of roles) {
        if (!ITEM_ROLES.includes(role))
          throw new HiloError('INVALID_INPUT', `--roles: "${role}" is not a role`);
      }
      const minItems = Number(flags.minItems);
      if (!Number.isInteger(minItems) || minItems < 1)
        throw new HiloError('INVALID_INPUT', '--min-items must be a whole number ≥ 1');
      const result = await withProject(flags.project, io, async (ctx) => {
        const prices = ctx.config.prices;
        const human = annotationCost({
          hourlyRate: prices.humanHourlyUsd,
          itemsPerHour: prices.humanItemsPerHour,
        });
        return {
          result: await runTournament({
            store: ctx.store,
            roles,
            humanCostPerItem: human,
            minItems,
          }),
          human,
          dir: ctx.dir,
        };
      });
      if (result.result.entries.length === 0) {
        throw new HiloError(
          'NOT_FOUND',
          `no machine votes on ${roles.join('/')} items: run \`hilo label\` on them first`,
        );
      }
      let applied: string | null = null;
      if (flags.apply) applied = await applyWinner(result.dir, result.result);
      io.out(
        flags.json
          ? `${JSON.stringify({ ...result.result, applied }, null, 2)}\n`
          : formatTournament(result.result, result.human, applied),
      );
    });
}

/** Writes the winner into hilo.yaml, keeping the file's comments and layout; returns what changed. */
async function applyWinner(dir: string, result: TournamentResult): Promise<string> {
  const winner = result.winner;
  if (!winner)
    throw new HiloError(
      'NOT_FOUND',
      'no labeller was scored on enough items to be ranked; nothing applied',
    );
  const setting = labellerSetting(winner.source);
  if (!setting)
    throw new HiloError(
      'INVALID_INPUT',
      `the winner ${winner.source} is not a labeller hilo.yaml can select`,
    );
  const file = projectFilePath(dir);
  const doc = parseDocument(await readFile(file, 'utf8'));
  doc.setIn(['labeller', 'default'], setting.default);
  if (setting.default === 'llm') doc.setIn(['labeller', 'llm', 'model'], setting.model);
  await writeFile(file, doc.toString(), 'utf8');
  await loadProject(dir); // the edited file must still be a valid project
  return setting.default === 'llm'
    ? `labeller.default = llm, labeller.llm.model = ${setting.model}`
    : 'labeller.default = local';
}

function formatTournament(r: TournamentResult, human: number, applied: string | null): string {
  const lines = [
    `${r.entries.length} machine labellers on ${r.items} items with trusted labels; a mistake costs a person's answer (${usd(human, 3)})`,
    '  labeller                                   items   accuracy (95% CI)          cost/item   cost per right label',
  ];
  for (const e of r.entries) {
    lines.push(
      `  ${e.source.padEnd(42)} ${String(e.scored).padStart(5)}   ${percent(e.accuracy.estimate).padStart(6)} [${percent(e.accuracy.lower)}, ${percent(e.accuracy.upper)}]`.padEnd(
        84,
      ) +
        ` ${usd(e.costPerItem, 4)}    ${e.ranked ? usd(e.costPerRightLabel, 4) : '(too few items)'}`,
    );
  }
  lines.push(
    r.winner ? `best per cost: ${r.winner.source}` : 'no labeller scored on enough items to rank',
  );
  if (applied) lines.push(`hilo.yaml: ${applied}`);
  return `${lines.join('\n')}\n`;
}
