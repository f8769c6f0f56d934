export { findSuspects, type Suspect, type SuspectsReport } from './find-suspects.js';
export { queueSuspects, type QueueSuspectsReport } from './queue-suspects.js';
