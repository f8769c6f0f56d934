// Builders of the domain's rows with defaults, so a test states only what it is about.
export { decision } from './decision.js';
export { item } from './item.js';
export { annotator, queueEntry } from './people.js';
export { project, type ProjectOverrides } from './project.js';
export { T0 } from './time.js';
export { answer, vote } from './vote.js';
