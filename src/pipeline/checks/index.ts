export { answerChecks, type AnswerChecksOptions } from './answer-checks.js';
export { answerCheck, listCheckQueue, type CheckQueue } from './check-queue.js';
export { checkStatus, type CheckStatus, type CheckStratumStatus } from './check-status.js';
export {
  drawPoolChecks,
  type DrawPoolChecksOptions,
  type DrawPoolChecksReport,
  type DrawnStratum,
} from './draw-pool-checks.js';
export { exportChecks, type ExportChecksOptions } from './export-checks.js';
export {
  importCheckAnswers,
  type ImportCheckAnswersOptions,
  type ImportCheckAnswersReport,
} from './import-check-answers.js';
