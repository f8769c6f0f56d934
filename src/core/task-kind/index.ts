export {
  LABEL_SET_SEPARATOR,
  decodeLabelSet,
  encodeLabelSet,
  labelSetIndices,
} from './label-set-code.js';
export { isSingleChoice, measureName, taskShapeOf, type TaskShape } from './task-shape.js';
export { answerScore, decideItem, probabilityRow, type ItemDecision } from './decide-item.js';
export { readAnswer, type AnswerCells, type AnswerRead } from './read-answer.js';
export { requiredItemFields } from './item-fields.js';
export { answerOutcomes, scoreRows, type ScoredRows } from './score-rows.js';
