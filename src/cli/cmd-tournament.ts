import type { Command } from 'commander';
import { percent, usd } from '../core/format/format-number.js';
import { ITEM_ROLES } from '../core/types.js';
import type { TournamentResult } from '../pipeline/learn/index.js';
import type { CliIo } from './cli-io.js';
import { integerFlag, listFlag } from './flags.js';
import { withProject } from './with-project.js';

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
      const options = {
        roles: listFlag('--roles', flags.roles, ITEM_ROLES),
        minItems: integerFlag('--min-items', flags.minItems, { min: 1 }),
        apply: flags.apply ?? false,
      };
      const run = await withProject(flags.project, io, (ctx) => ctx.tournament(options));
      io.out(
        flags.json
          ? `${JSON.stringify({ ...run.result, applied: run.applied }, null, 2)}\n`
          : formatTournament(run.result, run.humanCostPerItem, run.applied),
      );
    });
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
        ` ${usd(e.costPerItem, 4)}    ${e.ranked ? `${usd(e.costPerRightLabel, 4)}` : '(too few items)'}`,
    );
  }
  lines.push(
    r.winner ? `best per cost: ${r.winner.source}` : 'no labeller scored on enough items to rank',
  );
  if (applied) lines.push(`hilo.yaml: ${applied}`);
  return `${lines.join('\n')}\n`;
}
