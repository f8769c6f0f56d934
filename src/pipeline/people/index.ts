export { changeAnnotatorState } from './annotator-state.js';
export { fileAppeal, listAppeals, settleAppeal } from './appeals.js';
export { annotatorQuality, type AnnotatorQuality } from './annotator-quality.js';
export { annotatorProgress, projectTally } from './annotator-progress.js';
export { buildQueue } from './build-queue.js';
export { createCrowdModel } from './crowd-model.js';
export { createLabellerSource } from './labeller-source.js';
export { createLabelSetModel } from './label-set-model.js';
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
export { flagItem } from './flag-item.js';
export { nextItem } from './next-item.js';
export { peopleConfig, type PeopleContext } from './people-context.js';
export { peopleDashboard } from './people-dashboard.js';
export { listReviewItems, settleReview } from './review-items.js';
export { shownFields } from './shown-fields.js';
export { signIn, type SignInResult } from './sign-in.js';
export { submitAnswer } from './submit-answer.js';
export { undoAnswer } from './undo-answer.js';
export { annotatorLeaderboard, rankPeople, type RankedPerson } from './leaderboard.js';
export { payCsv } from './pay-csv.js';
export { payReport, type PayReport, type PersonPay } from './pay-report.js';
