// Builders of the domain's rows with defaults, so a test states only what it is about.
export { decision } from './decision.js';
export { item } from './item.js';
export { annotator, queueEntry } from './people.js';
export { project } from './project.js';
export { answer, vote } from './vote.js';
export { knownCrowd } from './crowd.js';
export { multilabelCrowd, ratingCrowd, type SyntheticCrowd } from './kind-crowds.js';
