import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { HiloError } from '../../core/errors.js';
import type { Annotator, AnnotatorRole, PeopleStore } from '../../core/ports/people-store.js';
import type { Clock } from '../../core/ports/runtime.js';
import { DEFAULT_PEOPLE_CONFIG } from '../../core/project.js';

/** Hours an invitation lasts when the caller names none: the default of `people.invitationHours`. */
const HOURS = DEFAULT_PEOPLE_CONFIG.invitationHours;

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

/** An invitation as it is handed out: the token (shown once) and when it expires (ISO-8601). */
export interface IssuedInvitation {
  readonly annotator: Annotator;
  readonly token: string;
  readonly expiresAt: string;
}

/**
 * Creates a person (onboarding, or active for admins and reviewers) with a single-use invitation
 * that expires after `hours` (default 72); the token is shown once and stored only hashed.
 * @example const { annotator, token } = await inviteAnnotator(store.people, clock, { name: 'Ada', role: 'annotator', hours: 72 })
 * Complexity: two inserts.
 */
export async function inviteAnnotator(
  people: PeopleStore,
  clock: Clock,
  input: { readonly name: string; readonly role: AnnotatorRole; readonly hours?: number },
): Promise<IssuedInvitation> {
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
  // The column wants a unique value; it is no credential (sign-in takes invitations only).
  await people.createAnnotator(annotator, hashToken(token));
  const expiresAt = await storeInvitation(people, clock, annotator.id, input.hours ?? HOURS, token);
  return { annotator, token, expiresAt };
}

/**
 * A new invitation link for someone who already exists (a lost or expired link); their earlier
 * unused links stop working. NOT_FOUND when no person has the id.
 * @example const { token } = await reinviteAnnotator(store.people, clock, { id: 'a1b2c3d4', hours: 72 })
 * Complexity: one read, one delete and one insert.
 */
export async function reinviteAnnotator(
  people: PeopleStore,
  clock: Clock,
  input: { readonly id: string; readonly hours?: number },
): Promise<IssuedInvitation> {
  const annotator = await people.getAnnotator(input.id);
  if (annotator === undefined)
    throw new HiloError('NOT_FOUND', `no person has the id "${input.id}"`);
  const token = newToken();
  const expiresAt = await storeInvitation(people, clock, annotator.id, input.hours ?? HOURS, token);
  return { annotator, token, expiresAt };
}

async function storeInvitation(
  people: PeopleStore,
  clock: Clock,
  annotatorId: string,
  hours: number,
  token: string,
): Promise<string> {
  if (!(hours > 0))
    throw new HiloError('INVALID_INPUT', `invitation hours must be > 0, not ${hours}`);
  const now = clock.now();
  const expiresAt = new Date(now + hours * 3_600_000).toISOString();
  await people.createInvitation({
    tokenHash: hashToken(token),
    annotatorId,
    createdAt: new Date(now).toISOString(),
    expiresAt,
  });
  return expiresAt;
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
 * to; returns their single-use invitation link and its expiry, or null when an admin exists.
 * @example const first = await inviteFirstAdmin(store.people, clock, { baseUrl: 'http://127.0.0.1:4100', hours: 72 })
 * Complexity: one read of the people, at most two inserts.
 */
export async function inviteFirstAdmin(
  people: PeopleStore,
  clock: Clock,
  input: { readonly baseUrl: string; readonly hours: number },
): Promise<{ readonly link: string; readonly expiresAt: string; readonly id: string } | null> {
  const existing = await people.listAnnotators();
  if (existing.some((a) => a.role === 'admin')) return null;
  const issued = await inviteAnnotator(people, clock, {
    name: 'admin',
    role: 'admin',
    hours: input.hours,
  });
  return {
    link: invitationLink(input.baseUrl, issued.token),
    expiresAt: issued.expiresAt,
    id: issued.annotator.id,
  };
}
