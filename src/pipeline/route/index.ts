export { planPolicies, type PlanReport } from './plan-policies.js';
export { type Staffing } from './plan-unit-costs.js';
export { routeItems, type RouteReport } from './route-items.js';
export { type PolicyMode } from './route-policy.js';
export { loadScoredItems } from './route-evidence.js';
export { ensembleVotes, type EnsembleReport, type EnsembleVotesOptions } from './ensemble-votes.js';
export {
  cascadeRoute,
  type CascadeRouteOptions,
  type CascadeRouteReport,
} from './cascade-route.js';
export {
  routeWholeSet,
  type PeopleErrorSource,
  type RouteWholeSetReport,
} from './route-whole-set.js';
export { withMeasure } from './route-kind.js';
