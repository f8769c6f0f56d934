import type { Command } from 'commander';
import { usd } from '../core/format/format-number.js';
import { HiloError } from '../core/errors.js';
import { ITEM_ROLES } from '../core/types.js';
import type { CliIo } from './cli-io.js';
import { choiceFlag, integerFlag, listFlag } from './flags.js';
import type { Interrupts } from './interrupt.js';
import { positionBiasLine } from './position-bias-line.js';
import { withProject } from './with-project.js';

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

export function registerLabel(program: Command, io: CliIo, interrupts: Interrupts): void {
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
      '\nThe LLM is reached at OPENAI_BASE_URL with OPENAI_API_KEY (OpenAI, vLLM, Ollama, llama-server).\nA killed run resumes where it stopped; answered requests come from the cache.\nSeveral `hilo label` processes on one database share the work: each item is labelled once (labeller.leaseSeconds).',
    )
    .action(async (flags: LabelFlags) => {
      const options = {
        roles: listFlag('--roles', flags.roles, ITEM_ROLES),
        ...(flags.limit !== undefined
          ? { limit: integerFlag('--limit', flags.limit, { min: 1 }) }
          : {}),
        ...(flags.labeller !== undefined
          ? { labeller: choiceFlag('--labeller', flags.labeller, ['local', 'llm'] as const) }
          : {}),
        ...(flags.model ? { model: flags.model } : {}),
        ...(flags.concurrency !== undefined
          ? { concurrency: integerFlag('--concurrency', flags.concurrency, { min: 1 }) }
          : {}),
        seed: integerFlag('--seed', flags.seed),
      };
      await withProject(flags.project, io, async (ctx) => {
        if (flags.dryRun) {
          const estimate = await ctx.estimateLabel(options);
          if (estimate === null) {
            io.out('the local labeller costs nothing: no tokens, no requests\n');
            return;
          }
          io.out(
            `dry run with llm:${estimate.model}: ${estimate.items} items` +
              (estimate.requestsPerItem > 1 ? ` × ${estimate.requestsPerItem} requests` : '') +
              `, about ${estimate.tokensIn.toLocaleString('en-US')} prompt tokens and at most ${estimate.tokensOut.toLocaleString('en-US')} answer tokens` +
              (estimate.costUsd !== null
                ? `, about ${usd(estimate.costUsd, 4)}`
                : ` (no price known for ${estimate.model}: add it under prices.models)`) +
              `\n(${estimate.basis})\n`,
          );
          return;
        }
        const signal = interrupts.signal(
          'stopping after the requests in flight (Ctrl-C again to quit at once; a new run resumes)',
        );
        const report = await ctx.label({ ...options, signal });
        io.out(
          `${report.stopped ? 'stopped' : 'done'}: ${report.labelled} labelled, ${report.abstained} abstained, ${report.alreadyLabelled} already labelled by ${report.source}; ` +
            `${report.tokensIn + report.tokensOut} tokens, ${usd(report.costUsd, 4)}, ${report.seconds.toFixed(1)} s (run ${report.runId}${report.joined ? `, joined with the workers already on it` : ''})\n`,
        );
        if (report.positionBias !== null) io.out(`${positionBiasLine(report.positionBias)}\n`);
        if (report.stopped)
          throw new HiloError('INTERRUPTED', 'interrupted; run `hilo label` again to resume');
      });
    });
}
