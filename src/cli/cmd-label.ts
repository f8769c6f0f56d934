import type { Command } from 'commander';
import { HiloError } from '../core/errors.js';
import { usd } from '../core/format/format-number.js';
import type { LlmLabellerConfig } from '../core/project.js';
import { selectDemos } from '../core/prompt/select-demos.js';
import { createRng } from '../core/rng.js';
import { ITEM_ROLES, type ItemRole } from '../core/types.js';
import { priceOf } from '../llm/price-table.js';
import { estimateLabelCost } from '../pipeline/label/index.js';
import { labelItems } from '../pipeline/label/index.js';
import type { Labeller } from '../pipeline/label/index.js';
import { createLlmBatchLabeller } from '../pipeline/label/index.js';
import type { CliIo } from './cli-io.js';
import {
  createChatModel,
  createProgress,
  loadLocalLabeller,
  withProject,
  type ProjectContext,
} from './compose.js';

interface LabelFlags {
  project: string;
  labeller?: string;
  model?: string;
  concurrency?: string;
  limit?: string;
  roles: string;
  dryRun?: boolean;
  seed: string;
}

export function registerLabel(program: Command, io: CliIo): void {
  program
    .command('label')
    .description(
      'First pass: label every item without a vote from the labeller, with a probability per label.',
    )
    .option('--project <dir>', 'project directory', '.')
    .option('--labeller <kind>', 'local|llm (default: labeller.default of hilo.yaml)')
    .option('--model <name>', 'LLM model name (default: labeller.llm.model)')
    .option('--concurrency <n>', 'LLM requests in flight (default: labeller.llm.concurrency)')
    .option('--limit <n>', 'label at most N items this run')
    .option('--roles <list>', 'item roles to label', 'pool,gold,test')
    .option('--seed <n>', 'seed for the choice of few-shot demos', '1')
    .option('--dry-run', 'print the estimated tokens and cost; send nothing')
    .addHelpText(
      'after',
      '\nThe LLM is reached at OPENAI_BASE_URL with OPENAI_API_KEY (OpenAI, vLLM, Ollama, llama-server).\nA killed run resumes where it stopped; answered requests come from the cache.',
    )
    .action(async (flags: LabelFlags) => {
      const roles = parseRoles(flags.roles);
      const limit = flags.limit !== undefined ? positiveInt(flags.limit, '--limit') : undefined;
      await withProject(flags.project, io, async (ctx) => {
        const kind = flags.labeller ?? ctx.config.labeller.default;
        if (kind !== 'local' && kind !== 'llm')
          throw new HiloError('INVALID_INPUT', `--labeller must be local or llm, not "${kind}"`);
        if (kind === 'local') {
          if (flags.dryRun) {
            io.out('the local labeller costs nothing: no tokens, no requests\n');
            return;
          }
          await run(ctx, io, await loadLocalLabeller(ctx), roles, limit);
          return;
        }
        const settings: LlmLabellerConfig = {
          ...ctx.config.labeller.llm,
          ...(flags.model ? { model: flags.model } : {}),
          ...(flags.concurrency
            ? { concurrency: positiveInt(flags.concurrency, '--concurrency') }
            : {}),
        };
        const demos =
          settings.fewShot > 0 ? await chooseDemos(ctx, settings.fewShot, Number(flags.seed)) : [];
        const price = priceOf(settings.model, ctx.config.prices.models);
        if (flags.dryRun) {
          const source = `llm:${settings.model}`;
          const labeller = createLlmBatchLabeller({
            model: { complete: () => Promise.reject(new Error('dry run')) },
            project: ctx.config,
            settings,
            demos,
          });
          const estimate = await estimateLabelCost({
            store: ctx.store,
            project: ctx.config,
            settings,
            demos,
            source: labeller.source,
            roles,
            ...(limit !== undefined ? { limit } : {}),
            ...(price ? { price } : {}),
          });
          io.out(
            `dry run with ${source}: ${estimate.items} items, about ${estimate.tokensIn.toLocaleString('en-US')} prompt tokens and at most ${estimate.tokensOut.toLocaleString('en-US')} answer tokens` +
              (estimate.costUsd !== null
                ? `, about ${usd(estimate.costUsd, 4)}`
                : ` (no price known for ${settings.model}: add it under prices.models)`) +
              `\n(${estimate.basis})\n`,
          );
          return;
        }
        const model = createChatModel(io, ctx.store, settings, ctx.logger);
        await run(
          ctx,
          io,
          createLlmBatchLabeller({
            model,
            project: ctx.config,
            settings,
            demos,
            ...(price ? { price } : {}),
          }),
          roles,
          limit,
        );
      });
    });
}

async function run(
  ctx: ProjectContext,
  io: CliIo,
  labeller: Labeller,
  roles: readonly ItemRole[],
  limit: number | undefined,
): Promise<void> {
  let interrupted = false;
  const onSignal = (): void => {
    if (interrupted) process.exit(130);
    interrupted = true;
    ctx.logger.warn(
      'stopping after the requests in flight (Ctrl-C again to quit at once; a new run resumes)',
    );
  };
  process.on('SIGINT', onSignal);
  try {
    const report = await labelItems({
      store: ctx.store,
      labeller,
      clock: ctx.clock,
      progress: createProgress(io),
      roles,
      ...(limit !== undefined ? { limit } : {}),
      shouldStop: () => interrupted,
    });
    io.out(
      `${report.stopped ? 'stopped' : 'done'}: ${report.labelled} labelled, ${report.abstained} abstained, ${report.alreadyLabelled} already labelled by ${labeller.source}; ` +
        `${report.tokensIn + report.tokensOut} tokens, ${usd(report.costUsd, 4)}, ${report.seconds.toFixed(1)} s (run ${report.runId})\n`,
    );
    if (report.stopped) io.setExitCode(130);
  } finally {
    process.off('SIGINT', onSignal);
  }
}

async function chooseDemos(ctx: ProjectContext, k: number, seed: number) {
  const gold = await ctx.store.listItems({ role: 'gold' });
  if (gold.length === 0)
    throw new HiloError(
      'INVALID_INPUT',
      `few-shot needs gold items (labeller.llm.fewShot is ${k}); import some with --role gold or set fewShot: 0`,
    );
  return selectDemos({
    gold,
    k,
    labels: ctx.config.labels.map((l) => l.name),
    rng: createRng(seed),
  });
}

function parseRoles(list: string): ItemRole[] {
  const roles = list
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  for (const role of roles) {
    if (!(ITEM_ROLES as readonly string[]).includes(role))
      throw new HiloError(
        'INVALID_INPUT',
        `--roles: "${role}" is not one of ${ITEM_ROLES.join(', ')}`,
      );
  }
  return roles as ItemRole[];
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new HiloError('INVALID_INPUT', `${flag} must be a positive integer, not "${value}"`);
  return n;
}
