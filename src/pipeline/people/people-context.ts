import type { StoreWithPeople } from '../../core/ports/people-store.js';
import type { Clock } from '../../core/ports/runtime.js';
import {
  DEFAULT_PEOPLE_CONFIG,
  type PeopleConfig,
  type ProjectConfig,
} from '../../core/project.js';
import type { Rng } from '../../core/rng.js';
import type { CrowdModel } from './crowd-model.js';
import type { LabelSetModel } from './label-set-model.js';
import type { LabellerSource } from './labeller-source.js';

/** What every people step needs, passed as one object. */
export interface PeopleContext {
  readonly store: StoreWithPeople;
  readonly project: ProjectConfig;
  readonly clock: Clock;
  readonly rng: Rng;
  /** The project's fitted crowd for dynamic overlap; without it each overlap check fits anew. */
  readonly crowd?: CrowdModel;
  /**
   * A multi-label project's fitted crowd (yes/no per label) for dynamic overlap, live decisions
   * and the majority check; `crowd` serves the single-choice kinds.
   */
  readonly labelSets?: LabelSetModel;
  /** The current labeller's vote source, kept for a moment; without it each answer reads the runs. */
  readonly labeller?: LabellerSource;
}

/** The project's people settings, or the defaults. */
export function peopleConfig(project: ProjectConfig): PeopleConfig {
  return project.people ?? DEFAULT_PEOPLE_CONFIG;
}

/** ISO-8601 of the clock's now plus `ms`. */
export function isoAt(clock: Clock, ms = 0): string {
  return new Date(clock.now() + ms).toISOString();
}

/** Source of a person's votes. */
export function humanSource(annotatorId: string): string {
  return `human:${annotatorId}`;
}
