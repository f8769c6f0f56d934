export type * from './store.js';
export type * from './chat-model.js';
export type * from './runtime.js';
export type * from './records.js';
export type * from './people-store.js';
export type * from './embedding-model.js';
export type * from './answer-checks.js';
