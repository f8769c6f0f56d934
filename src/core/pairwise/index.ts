export { PAIRWISE_VERDICTS, type PairwiseVerdict } from './verdicts.js';
export { pairwiseTally, type PairwiseOutcomes } from './pairwise-outcomes.js';
export { bradleyTerry, type BradleyTerryFit, type BradleyTerryOptions } from './bradley-terry.js';
export { centredCovariance } from './centred-covariance.js';
export { symmetricInverse } from './symmetric-inverse.js';
export { positionBias, type PositionBias } from './position-bias.js';
export { judgeAgreement, type JudgeAgreement } from './judge-agreement.js';
