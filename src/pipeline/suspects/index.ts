export {
  findSuspects,
  type FindSuspectsOptions,
  type Suspect,
  type SuspectsReport,
  type SuspectVote,
} from './find-suspects.js';
export { queueSuspects, suspectReason, type QueueSuspectsReport } from './queue-suspects.js';
