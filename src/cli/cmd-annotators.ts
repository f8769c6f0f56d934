import type { Command } from 'commander';
import type { AnnotatorRole } from '../core/ports/people-store.js';
import { createRng } from '../core/rng.js';
import { annotatorQuality, type AnnotatorQuality } from '../pipeline/people/index.js';
import { registerAnnotatorsPay } from './cmd-annotators-pay.js';
import type { CliIo } from './cli-io.js';
import { percent } from '../core/format/format-number.js';
import { choiceFlag, positiveFlag } from './flags.js';
import { invitationText } from './invitation-text.js';
import { withProject } from './with-project.js';

const ROLES: readonly AnnotatorRole[] = ['annotator', 'reviewer', 'admin'];

interface InviteFlags {
  project: string;
  url: string;
  hours?: string;
}

function hoursFlag(value: string | undefined): { hours?: number } {
  return value === undefined ? {} : { hours: positiveFlag('--hours', value) };
}

export function registerAnnotators(program: Command, io: CliIo): void {
  const group = program
    .command('annotators')
    .description('Invite people and see their state, quality and pay.');
  group
    .command('add <name>')
    .description(
      'Create a person and print their invitation link: shown once, it signs in once, until it expires.',
    )
    .option('--project <dir>', 'project directory', '.')
    .option('--role <role>', 'annotator, reviewer or admin', 'annotator')
    .option('--url <url>', 'address of `hilo serve`', 'http://127.0.0.1:4100')
    .option('--hours <n>', 'hours the link works (default: people.invitationHours, 72)')
    .action(async (name: string, flags: InviteFlags & { role: string }) => {
      const role = choiceFlag('--role', flags.role, ROLES);
      const hours = hoursFlag(flags.hours);
      await withProject(flags.project, io, async (ctx) => {
        const issued = await ctx.invite({ name, role, baseUrl: flags.url, ...hours });
        io.out(invitationText(issued.annotator, issued.link, issued.expiresAt, flags.project));
      });
    });
  group
    .command('invite <who>')
    .description(
      'A new invitation link for an existing person (id, or a name no one else has), for a lost or expired link; their earlier unused links stop working.',
    )
    .option('--project <dir>', 'project directory', '.')
    .option('--url <url>', 'address of `hilo serve`', 'http://127.0.0.1:4100')
    .option('--hours <n>', 'hours the link works (default: people.invitationHours, 72)')
    .action(async (who: string, flags: InviteFlags) => {
      const hours = hoursFlag(flags.hours);
      await withProject(flags.project, io, async (ctx) => {
        const issued = await ctx.reinvite({ who, baseUrl: flags.url, ...hours });
        io.out(invitationText(issued.annotator, issued.link, issued.expiresAt, flags.project));
      });
    });
  group
    .command('list')
    .description(
      "Each person's role, state, answers, speed, control accuracy (95% Wilson interval), accuracy estimated from their Dawid-Skene confusion matrix and the answers machine checks flagged.",
    )
    .option('--project <dir>', 'project directory', '.')
    .option('--json', 'print JSON, with each confusion matrix in full')
    .action(async (flags: { project: string; json?: boolean }) => {
      await withProject(flags.project, io, async (ctx) => {
        const report = await annotatorQuality({
          store: ctx.store,
          project: ctx.config,
          clock: ctx.clock,
          rng: createRng(1),
        });
        if (flags.json) {
          io.out(`${JSON.stringify(report.annotators, null, 2)}\n`);
          return;
        }
        io.out(
          'id        name                 role        state       answers  median s  controls  control accuracy  estimated  flags d/o/p\n',
        );
        for (const a of report.annotators) {
          const row = `${a.id.padEnd(10)}${a.name.slice(0, 20).padEnd(21)}${a.role.padEnd(12)}${a.state.padEnd(12)}${String(a.answers).padStart(7)}  ${(a.medianSeconds?.toFixed(1) ?? '—').padStart(8)}  ${String(a.controls).padStart(8)}  ${controlAccuracy(a).padEnd(16)}  ${estimated(a).padEnd(9)}  ${flagCells(a).padStart(11)}${a.discounted ? '  discounted' : ''}${a.reason ? `  (${a.reason})` : ''}`;
          io.out(`${row.trimEnd()}\n`);
        }
        io.out(
          `flags: answers the machine checks flagged, disputed by the calibrated model / against a confident majority / looking pasted\n` +
            `estimated: expected accuracy from each person's Dawid-Skene confusion matrix over ${report.votes} votes (people and machines, gold and controls clamped); * = too few votes, overlap uses the crowd's matrix\n`,
        );
      });
    });
  registerAnnotatorsPay(group, io);
}

function controlAccuracy(a: AnnotatorQuality): string {
  if (a.controlAccuracy === null) return '—';
  const { low, high } = a.controlInterval;
  return `${percent(a.controlAccuracy, 0)} [${percent(low, 0)}–${percent(high, 0)}]`;
}

function flagCells(a: AnnotatorQuality): string {
  return `${a.flags.disputed}/${a.flags.outvoted}/${a.flags.pasted}`;
}

function estimated(a: AnnotatorQuality): string {
  if (a.estimatedAccuracy === null) return '—';
  return `${percent(a.estimatedAccuracy, 0)}${a.usesPooled ? '*' : ''}`;
}
