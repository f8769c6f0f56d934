export { estimateLabelCost } from './estimate-label-cost.js';
export { labelItems } from './label-items.js';
export { voteOf, type LabelOutcome, type Labeller } from './labeller.js';
export { createLlmBatchLabeller } from './llm-batch-labeller.js';
