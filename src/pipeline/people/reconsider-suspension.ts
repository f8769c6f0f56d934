import type { Annotator } from '../../core/ports/people-store.js';
import { windowControls } from './apply-rules.js';
import { peopleConfig, type PeopleContext } from './people-context.js';
import { CONTROL_REASON, controlVerdict } from './quality-rules.js';
import { EXAM_REASON, examScore, examVerdict } from './settle-exam.js';

/**
 * After a score changed (an upheld appeal): a person suspended by the control-accuracy rule or
 * by the exam is scored again, on the same answers, and reinstated when the rule no longer holds
 * (a control suspension's discount goes too). Other suspensions, and anyone not suspended, are
 * left as they are.
 * @example const after = await reconsiderSuspension(ctx, person)
 * Complexity: the person's controls in the window, or their exam.
 */
export async function reconsiderSuspension(
  ctx: PeopleContext,
  person: Annotator,
): Promise<Annotator> {
  const reason = person.suspendedReason ?? '';
  if (person.state !== 'suspended') return person;
  if (reason.startsWith(CONTROL_REASON)) {
    const controls = await windowControls(ctx, person);
    if (controlVerdict(controls, peopleConfig(ctx.project).rules) !== null) return person;
    return ctx.store.people.updateAnnotator(person.id, {
      state: 'active',
      suspendedReason: null,
      discounted: false,
    });
  }
  if (reason.startsWith(EXAM_REASON)) {
    const score = await examScore(ctx, person.id);
    if (score.answered < score.total || examVerdict(ctx, score) !== null) return person;
    return ctx.store.people.updateAnnotator(person.id, { state: 'active', suspendedReason: null });
  }
  return person;
}
