import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import {
  hashToken,
  invitationLink,
  inviteAnnotator,
  inviteFirstAdmin,
} from './invite-annotator.js';

const clock = { now: () => Date.UTC(2026, 0, 1) };

describe('invitations', () => {
  it('stores only the hash of the token it returns, and starts annotators in onboarding', async () => {
    const store = new MemoryStore();
    const { annotator, token } = await inviteAnnotator(store.people, clock, {
      name: 'Ada',
      role: 'annotator',
    });
    expect(annotator.state).toBe('onboarding');
    expect(await store.people.findAnnotatorByTokenHash(hashToken(token))).toMatchObject({
      name: 'Ada',
    });
    expect(await store.people.findAnnotatorByTokenHash(token)).toBeUndefined();
    expect(invitationLink('http://h:1/', token)).toBe(`http://h:1/#invite=${token}`);
  });

  it('creates the first admin once: a second start finds one and invites nobody', async () => {
    const store = new MemoryStore();
    await inviteAnnotator(store.people, clock, { name: 'Ada', role: 'annotator' });
    const link = await inviteFirstAdmin(store.people, clock, 'http://127.0.0.1:4100');
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:4100\/#invite=[\w-]{43}$/);
    expect(await inviteFirstAdmin(store.people, clock, 'http://127.0.0.1:4100')).toBeNull();
    const admins = (await store.people.listAnnotators()).filter((a) => a.role === 'admin');
    expect(admins).toHaveLength(1);
    expect(admins[0]?.state).toBe('active');
  });
});
