import type { Command } from 'commander';
import { HiloError } from '../core/errors.js';
import type { AnnotatorRole } from '../core/ports/people-store.js';
import { createRng } from '../core/rng.js';
import { peopleDashboard } from '../pipeline/people/people-dashboard.js';
import { invitationLink, inviteAnnotator } from '../server/auth-tokens.js';
import type { CliIo } from './cli-io.js';
import { withProject } from './compose.js';

const ROLES: readonly AnnotatorRole[] = ['annotator', 'reviewer', 'admin'];

export function registerAnnotators(program: Command, io: CliIo): void {
  const group = program
    .command('annotators')
    .description('Invite people and see their state and quality.');
  group
    .command('add <name>')
    .description('Create a person and print their invitation link (shown once).')
    .option('--project <dir>', 'project directory', '.')
    .option('--role <role>', 'annotator, reviewer or admin', 'annotator')
    .option('--url <url>', 'address of `hilo serve`', 'http://127.0.0.1:4100')
    .action(async (name: string, flags: { project: string; role: string; url: string }) => {
      const role = flags.role as AnnotatorRole;
      if (!ROLES.includes(role))
        throw new HiloError(
          'INVALID_INPUT',
          `--role: "${flags.role}" is not annotator, reviewer or admin`,
        );
      await withProject(flags.project, io, async (ctx) => {
        const { annotator, token } = await inviteAnnotator(ctx.store.people, ctx.clock, {
          name,
          role,
        });
        io.out(
          `${annotator.name} (${annotator.role}, id ${annotator.id}): ${invitationLink(flags.url, token)}\n`,
        );
      });
    });
  group
    .command('list')
    .description("Each person's role, state, answers, speed and control accuracy.")
    .option('--project <dir>', 'project directory', '.')
    .option('--json', 'print JSON')
    .action(async (flags: { project: string; json?: boolean }) => {
      await withProject(flags.project, io, async (ctx) => {
        const data = await peopleDashboard({
          store: ctx.store,
          project: ctx.config,
          clock: ctx.clock,
          rng: createRng(1),
        });
        if (flags.json) {
          io.out(`${JSON.stringify(data.annotators, null, 2)}\n`);
          return;
        }
        io.out(
          'id        name                 role        state       answers  median s  controls  accuracy\n',
        );
        for (const a of data.annotators) {
          const accuracy =
            a.controlAccuracy === null
              ? '—'
              : `${(a.controlAccuracy * 100).toFixed(0)}% [${(a.controlInterval.low * 100).toFixed(0)}–${(a.controlInterval.high * 100).toFixed(0)}]`;
          io.out(
            `${a.id.padEnd(10)}${a.name.slice(0, 20).padEnd(21)}${a.role.padEnd(12)}${a.state.padEnd(12)}${String(a.answers).padStart(7)}  ${(a.medianSeconds?.toFixed(1) ?? '—').padStart(8)}  ${String(a.controls).padStart(8)}  ${accuracy}${a.reason ? `  (${a.reason})` : ''}\n`,
          );
        }
      });
    });
}
