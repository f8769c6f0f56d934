export { cascadeOrdering, type CascadeOrdering, type StageAnswers } from './cascade-ordering.js';
export {
  cascadePlan,
  chooseCascade,
  type CascadeChoice,
  type CascadeInput,
  type CascadePlan,
  type CascadePrices,
  type CertifyOrdering,
} from './choose-cascade.js';
export { certifyWithChecks, type LabelledCheck } from './certify-with-checks.js';
