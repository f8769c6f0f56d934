import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Annotator, AnnotatorRole, PeopleStore } from '../../core/ports/people-store.js';
import type { Clock } from '../../core/ports/runtime.js';

/**
 * A fresh secret token: 32 random bytes, base64url.
 * @example newToken() // 'q3V…'
 * Complexity: O(1).
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * How tokens are stored: their SHA-256, hex. A leaked table gives no usable token.
 * @example hashToken(token)
 * Complexity: O(token length).
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Creates a person (onboarding, or active for admins and reviewers) and returns their invitation
 * token, which is shown once and stored only hashed.
 * @example const { annotator, token } = await inviteAnnotator(store.people, clock, { name: 'Ada', role: 'annotator' })
 * Complexity: one insert.
 */
export async function inviteAnnotator(
  people: PeopleStore,
  clock: Clock,
  input: { readonly name: string; readonly role: AnnotatorRole },
): Promise<{ annotator: Annotator; token: string }> {
  const token = newToken();
  const annotator: Annotator = {
    id: randomUUID().slice(0, 8),
    name: input.name,
    role: input.role,
    state: input.role === 'annotator' ? 'onboarding' : 'active',
    createdAt: new Date(clock.now()).toISOString(),
    suspendedReason: null,
    flaggedReason: null,
    controlsSeen: 0,
    controlsCorrect: 0,
    discounted: false,
    rulesSince: null,
  };
  await people.createAnnotator(annotator, hashToken(token));
  return { annotator, token };
}

/**
 * The link an invited person opens; the token sits in the fragment, so it never reaches logs.
 * @example invitationLink('http://127.0.0.1:4100', token) // 'http://127.0.0.1:4100/#invite=…'
 */
export function invitationLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, '')}/#invite=${token}`;
}

/**
 * Creates the project's first admin when it has none, so a fresh `hilo serve` can be signed in
 * to; returns their invitation link (shown once), or null when an admin already exists.
 * @example const link = await inviteFirstAdmin(store.people, clock, 'http://127.0.0.1:4100')
 * Complexity: one read of the people, at most one insert.
 */
export async function inviteFirstAdmin(
  people: PeopleStore,
  clock: Clock,
  baseUrl: string,
): Promise<string | null> {
  const existing = await people.listAnnotators();
  if (existing.some((a) => a.role === 'admin')) return null;
  const { token } = await inviteAnnotator(people, clock, { name: 'admin', role: 'admin' });
  return invitationLink(baseUrl, token);
}
