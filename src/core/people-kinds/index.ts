export { answerProbabilities, answersDisagree, canonicalAnswer } from './canonical-answer.js';
export { answerConfidence } from './answer-confidence.js';
export { answerText, setDifference } from './answer-text.js';
export {
  fitLabelSetCrowd,
  labelSetPosterior,
  type LabelSetFit,
  type LabelSetFitOptions,
  type LabelSetRates,
  type LabelSetVotes,
} from './label-set-crowd.js';
