export {
  confidentJoint,
  estimateJoint,
  perClassThresholds,
  type ConfidentJoint,
} from './confident-joint.js';
export {
  findLabelIssues,
  type LabelIssue,
  type LabelIssueRanking,
  type LabelIssues,
  type LabelIssuesOptions,
} from './find-label-issues.js';
