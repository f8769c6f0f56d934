export { embedTexts } from './embed-texts.js';
export type { LearnReport } from './learn-local.js';
export { learnRound, type LearnRoundReport } from './learn-loop-round.js';
export { runLearnLoop, type LearnLoopReport, type LearnLoopRound } from './learn-loop.js';
export { LOCAL_MODEL_NAME } from '../label/index.js';
export { createLocalLabeller } from './local-labeller.js';
export { loadLocalPredictor } from './local-predictor.js';
export { queuePriority, queueStrategy } from './rescore-queue-priority.js';
export { taskQueueScores } from './task-queue-scores.js';
export { labellerSetting, runTournament, type TournamentResult } from './tournament.js';
export {
  TRAINER_LOCK,
  TRAINER_LOCK_TTL_MS,
  readableInstant,
  withTrainerLock,
  type TrainerLockWait,
} from './trainer-lock.js';
