import type { AnnotatorRole, StoreWithPeople } from '../../core/ports/people-store.js';
import type { Clock } from '../../core/ports/runtime.js';
import type { ProjectConfig } from '../../core/project.js';
import { inviteAnnotator, signIn } from '../../pipeline/people/index.js';

/**
 * Invites a person and signs them in once, as `POST /api/login` does: the session token is what
 * a test sends as `Authorization: Bearer …` (an invitation token is no credential).
 * @example const { session } = await signedIn({ store, project, clock }, { name: 'Ada', role: 'annotator' })
 */
export async function signedIn(
  ctx: { readonly store: StoreWithPeople; readonly project: ProjectConfig; readonly clock: Clock },
  who: { readonly name: string; readonly role: AnnotatorRole },
): Promise<{ readonly id: string; readonly session: string }> {
  const { token, annotator } = await inviteAnnotator(ctx.store.people, ctx.clock, who);
  const result = await signIn(ctx, token);
  if (result.status !== 'signed-in') throw new Error(`signing in ${who.name}: ${result.status}`);
  return { id: annotator.id, session: result.session };
}
