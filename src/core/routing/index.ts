export {
  guaranteedPolicy,
  type GuaranteedPolicy,
  type GuaranteedPolicyInput,
  type SelectionMethod,
} from './guaranteed-policy.js';
export { describePolicy, type PolicySummary } from './describe-policy.js';
export {
  learnThenTest,
  type LearnThenTestInput,
  type ThresholdEvidence,
  type ThresholdSelection,
  type ThresholdTest,
} from './learn-then-test.js';
export {
  learnThenTestPerClass,
  type PerClassInput,
  type PerClassSelection,
} from './learn-then-test-per-class.js';
export {
  selectiveGuaranteedRisk,
  type SgrSelection,
  type SgrTest,
} from './selective-guaranteed-risk.js';
export { candidateThresholds, type CandidateThresholdOptions } from './candidate-thresholds.js';
export { goldNeeded, type GoldNeeded } from './gold-needed.js';
export { clopperPearson, clopperPearsonLower, type Interval } from './clopper-pearson.js';
export { assignZones, countZones, ZONES, type Zone, type ZoneThresholds } from './assign-zones.js';
export {
  auditEstimate,
  type AuditBatch,
  type AuditFigures,
  type AuditRow,
  type AuditStatus,
} from './audit-estimate.js';
