export { chooseDemos } from './choose-demos.js';
export {
  currentLabeller,
  labellerLine,
  labelRunsOf,
  voteCommand,
  type LabellerChoice,
} from './current-labeller.js';
export { estimateLabelCost, type CostEstimate } from './estimate-label-cost.js';
export { labelItems, type LabelReport } from './label-items.js';
export { voteOf, type LabelOutcome, type Labeller } from './labeller.js';
export { createLlmBatchLabeller } from './llm-batch-labeller.js';
export { LOCAL_MODEL_NAME, localSource } from './local-source.js';
