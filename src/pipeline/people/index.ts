export { annotatorQuality, type AnnotatorQuality } from './annotator-quality.js';
export { buildQueue } from './build-queue.js';
export { createCrowdModel } from './crowd-model.js';
export { refreshingCache } from './dashboard-cache.js';
export { dashboardReport, dashboardReportVersion } from './dashboard-report.js';
export {
  hashToken,
  invitationLink,
  inviteAnnotator,
  inviteFirstAdmin,
  reinviteAnnotator,
  type IssuedInvitation,
} from './invite-annotator.js';
export { nextItem } from './next-item.js';
export { peopleConfig, type PeopleContext } from './people-context.js';
export { peopleDashboard } from './people-dashboard.js';
export { listReviewItems, settleReview } from './review-items.js';
export { signIn, type SignInResult } from './sign-in.js';
export { submitAnswer } from './submit-answer.js';
export { undoAnswer } from './undo-answer.js';
