export { answerCheck, listCheckQueue } from './check-queue.js';
export { checkStatus, type CheckStatus } from './check-status.js';
export { drawPoolChecks, type DrawPoolChecksReport } from './draw-pool-checks.js';
export { exportChecks } from './export-checks.js';
export { importCheckAnswers, type ImportCheckAnswersReport } from './import-check-answers.js';
