export { embedTexts } from './embed-texts.js';
export type { LearnReport } from './learn-local.js';
export { learnRound, type LearnRoundReport } from './learn-loop-round.js';
export { runLearnLoop, type LearnLoopReport, type LearnLoopRound } from './learn-loop.js';
export { LOCAL_MODEL_NAME } from '../label/index.js';
export { createLocalLabeller } from './local-labeller.js';
export { loadLocalPredictor } from './local-predictor.js';
export {
  distributionRows,
  queuePriority,
  queueScores,
  queueStrategy,
} from './rescore-queue-priority.js';
export { taskQueueScores, type TaskQueueScoresOptions } from './task-queue-scores.js';
export { labellerSetting, runTournament, type TournamentResult } from './tournament.js';
