export { annotatorQuality, type AnnotatorQuality } from './annotator-quality.js';
export { annotatorProgress, projectTally } from './annotator-progress.js';
export { buildQueue } from './build-queue.js';
export { createCrowdModel } from './crowd-model.js';
export { refreshingCache } from './dashboard-cache.js';
export { dashboardReport, dashboardReportVersion } from './dashboard-report.js';
export {
  hashToken,
  invitationLink,
  inviteAnnotator,
  inviteFirstAdmin,
  newToken,
} from './invite-annotator.js';
export { flagItem } from './flag-item.js';
export { nextItem } from './next-item.js';
export { isoAt, peopleConfig, type PeopleContext } from './people-context.js';
export { peopleDashboard } from './people-dashboard.js';
export { listReviewItems, settleReview } from './review-items.js';
export { submitAnswer } from './submit-answer.js';
export { undoAnswer } from './undo-answer.js';
