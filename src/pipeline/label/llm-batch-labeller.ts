import { HiloError } from '../../core/errors.js';
import type { ChatModel } from '../../core/ports/index.js';
import type { LlmLabellerConfig, ModelPrice, ProjectConfig } from '../../core/project.js';
import type { Item } from '../../core/types.js';
import type { LabelOutcome, Labeller } from './labeller.js';
import { checkLlmSettingsForKind } from './llm-kind-settings.js';
import { SpentModelError } from './llm-job.js';
import { labelItemWithLlm, llmVoteSource } from './llm-labeller.js';

export interface LlmBatchLabellerOptions {
  readonly model: ChatModel;
  readonly project: ProjectConfig;
  readonly settings: LlmLabellerConfig;
  /** The run's few-shot demos (gold items), chosen once per run so the prompt version is stable. */
  readonly demos: readonly Item[];
  readonly price?: ModelPrice;
}

/** Consecutive items failing with a model error that mean the provider is down, not the item. */
const OUTAGE_AFTER = 5;

/**
 * Items in progress beyond the requests in flight: while one item's answer is written to the
 * response cache and another's prompt is built, a third already waits for the slot the next
 * answer frees, so the model server is never left with fewer than `concurrency` requests.
 * Half as many again, since under load a turn of the event loop (which the cache write waits for)
 * grows long; none for 1 in flight, so a sequential run stays sequential.
 * @example itemsInProgress(64); // 96
 */
export function itemsInProgress(concurrency: number): number {
  return concurrency + Math.floor(concurrency / 2);
}

/**
 * The LLM as a first-pass labeller: one item per call, `itemsInProgress(settings.concurrency)`
 * calls at once, of which at most `settings.concurrency` have a request in flight (the HTTP
 * adapter holds that limit, with the rate limits and retries). An item the model cannot answer after
 * the retries (a 400 for a prompt over the context, a 500 the server gives for that prompt every
 * time) becomes an abstention with the server's reason, so one bad item does not block a run,
 * and what it cost on the way (answers before the failure, tokens billed for unusable answers)
 * is kept in its outcome. OUTAGE_AFTER such failures in a row stop the run (the provider is
 * down, or every request is wrong), and a resumed run pays for nothing twice thanks to the
 * response cache. Settings the project's kind cannot use are refused at once
 * (`checkLlmSettingsForKind`).
 * @example const labeller = createLlmBatchLabeller({ model, project, settings, demos });
 */
export function createLlmBatchLabeller(options: LlmBatchLabellerOptions): Labeller {
  const { model, project, settings, demos, price } = options;
  // Settings the kind cannot use stop the run before any request, not item by item.
  checkLlmSettingsForKind(project.kind, settings);
  let failuresInARow = 0;
  const source = llmVoteSource({ project, demos, settings });
  const labelOne = async (item: Item): Promise<LabelOutcome> => {
    try {
      const outcome = await labelItemWithLlm({
        model,
        project,
        item,
        demos,
        settings,
        source,
        ...(price ? { price } : {}),
      });
      failuresInARow = 0;
      return outcome;
    } catch (error) {
      if (!(error instanceof HiloError) || !PER_ITEM_CODES.has(error.code)) throw error;
      failuresInARow++;
      if (failuresInARow >= OUTAGE_AFTER) {
        const outage = new HiloError(
          error.code,
          `${OUTAGE_AFTER} items in a row failed; last: ${error.message}`,
          undefined,
          { cause: error },
        );
        // What the last item was billed still reaches the run's totals.
        throw error instanceof SpentModelError
          ? new SpentModelError(outage, { ...error.spend })
          : outage;
      }
      return modelFailure(error);
    }
  };
  return {
    source,
    batchSize: 1,
    concurrency: itemsInProgress(settings.concurrency),
    description: {
      kind: 'llm',
      model: settings.model,
      fewShot: demos.map((d) => d.id),
      chainOfThought: settings.chainOfThought,
      confidence: settings.confidence,
      samples: settings.samples,
      temperature: settings.temperature,
    },
    label: async (items) => Promise.all(items.map(labelOne)),
  };
}

const PER_ITEM_CODES = new Set(['MODEL_UNAVAILABLE', 'INVALID_INPUT', 'TIMEOUT', 'MODEL_OUTPUT']);

/** An abstention for an item the model could not answer, costing what it billed on the way. */
function modelFailure(error: HiloError): LabelOutcome {
  const spend = error instanceof SpentModelError ? error.spend : undefined;
  return {
    label: null,
    probabilities: null,
    method: 'logprobs',
    otherMass: 0,
    verbalized: null,
    rationale: null,
    abstainReason: `model error: ${error.message}`,
    tokensIn: spend?.tokensIn ?? 0,
    tokensOut: spend?.tokensOut ?? 0,
    costUsd: spend?.costUsd ?? 0,
    latencyMs: spend?.latencyMs ?? 0,
  };
}
