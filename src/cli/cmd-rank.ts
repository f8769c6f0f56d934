import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { rankSystems, type RankReport } from '../pipeline/votes/index.js';
import type { CliIo } from './cli-io.js';
import { numberFlag } from './flags.js';
import { withProject } from './with-project.js';

export function registerRank(program: Command, io: CliIo): void {
  program
    .command('rank')
    .description(
      'Rank the systems behind a pairwise project by Bradley–Terry, with standard errors and 95% intervals.',
    )
    .option('--project <dir>', 'project directory', '.')
    .option('--votes', "count every person's verdict instead of one decided verdict per pair")
    .option('--prior <n>', 'virtual tied games per system (keeps unbeaten systems finite)', '1')
    .option('--json', 'print JSON')
    .option('--out <file>', 'also write the ranking as CSV')
    .addHelpText(
      'after',
      '\nThe systems come from the item fields named by pairwise.systemA and pairwise.systemB in hilo.yaml;' +
        '\na verdict for a response is a win of its system, a tie half a win to each; score = log-strength (scores sum to 0).' +
        '\n\nExample:\n  hilo rank --out ranking.csv',
    )
    .action(
      async (flags: {
        project: string;
        votes?: boolean;
        prior: string;
        json?: boolean;
        out?: string;
      }) => {
        const prior = numberFlag('--prior', flags.prior, { min: 0 });
        await withProject(flags.project, io, async (ctx) => {
          const report = await rankSystems({
            store: ctx.store,
            kind: ctx.config.kind,
            pairwise: ctx.config.pairwise,
            from: flags.votes ? 'votes' : 'decisions',
            prior,
          });
          if (flags.out) await writeFile(resolve(io.cwd, flags.out), rankingCsv(report), 'utf8');
          io.out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : rankingText(report));
        });
      },
    );
}

function rankingText(report: RankReport): string {
  const f = (x: number): string => (x >= 0 ? ' ' : '') + x.toFixed(3);
  const lines = [
    `Bradley–Terry over ${report.comparisons} ${report.from === 'votes' ? "people's verdicts" : 'decided verdicts'} of ${report.systems.length} systems (prior ${report.prior}${report.converged ? '' : ', not converged'}${report.skipped > 0 ? `; ${report.skipped} verdicts without two different systems left out` : ''})`,
    '  rank  system                          score      SE   95% interval      wins  losses  ties',
    ...report.systems.map(
      (s) =>
        `  ${String(s.rank).padStart(4)}  ${s.system.padEnd(30).slice(0, 30)}  ${f(s.score)}  ${s.standardError.toFixed(3)}  [${f(s.lower)}, ${f(s.upper)}]  ${String(s.wins).padStart(5)}  ${String(s.losses).padStart(6)}  ${String(s.ties).padStart(4)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function rankingCsv(report: RankReport): string {
  const cell = (v: string | number): string => {
    const text = String(v);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const rows = report.systems.map((s) =>
    [s.rank, s.system, s.score, s.standardError, s.lower, s.upper, s.wins, s.losses, s.ties]
      .map(cell)
      .join(','),
  );
  return `${['rank,system,score,standard_error,lower,upper,wins,losses,ties', ...rows].join('\n')}\n`;
}
