import { useCallback, useEffect, useRef, useState } from 'react';
import type { MeResponse } from '../../src/contract/people-api.js';
import { AnnotatePage } from './annotate-page.js';
import { ChecksPage } from './checks-page.js';
import { api, ApiError } from './api-client.js';
import { DashboardPage } from './dashboard-page.js';
import { FailureNote } from './failure-note.js';
import { LeaderboardPage } from './leaderboard-page.js';
import { ReviewPage } from './review-page.js';
import { useAction } from './use-action.js';

type View = 'annotate' | 'dashboard' | 'review' | 'checks' | 'leaderboard';

/** Signs in from an invitation link (#invite=…), then shows the page for the person's role. */
export function App() {
  const [me, setMe] = useState<MeResponse | null>(null);
  const [signedOut, setSignedOut] = useState<string | null>(null);
  const [view, setView] = useState<View>('annotate');
  const invite = useRef<string | undefined>(undefined);
  const signingIn = useAction();
  const { run } = signingIn;

  const signIn = useCallback(() => {
    const token = invite.current;
    run(
      'sign in',
      async () => {
        const who = token !== undefined ? await api.login(token) : await api.me();
        setMe(who);
        setView(
          who.role === 'admin' ? 'dashboard' : who.role === 'reviewer' ? 'review' : 'annotate',
        );
      },
      (e) => {
        // A token that is malformed (400), used, expired or unknown (401) will not work however
        // often it is tried; the server's message says which, naming no one.
        if (
          e instanceof ApiError &&
          (e.status === 401 || (token !== undefined && e.status === 400))
        )
          setSignedOut(
            token === undefined
              ? 'Open your invitation link to sign in.'
              : e.status === 401
                ? `${capitalised(e.message)}.`
                : 'This invitation link is not valid: ask the project’s admin for a new one.',
          );
      },
    );
  }, [run]);

  const signOut = () =>
    run('sign out', async () => {
      await api.logout();
      setMe(null);
      setSignedOut(
        'You are signed out. Your invitation link worked once: to sign in again, ask the project’s admin for a new one.',
      );
    });

  useEffect(() => {
    const token = /invite=([\w-]+)/.exec(window.location.hash)?.[1];
    if (token !== undefined) {
      invite.current = token;
      // The token leaves the address bar at once, so it is not kept in history.
      history.replaceState(null, '', window.location.pathname);
    }
    signIn();
  }, [signIn]);

  if (signedOut !== null)
    return (
      <main className="centre">
        <p role="alert">{signedOut}</p>
      </main>
    );
  if (me === null && signingIn.error !== null)
    return (
      <main className="centre">
        <FailureNote message={signingIn.error} retry={signIn} />
      </main>
    );
  if (me === null)
    return (
      <main className="centre">
        <p>Loading…</p>
      </main>
    );
  return (
    <>
      <header>
        <strong>hilo</strong> <span className="muted">{me.project.name}</span>
        <nav>
          <button className={view === 'annotate' ? 'on' : ''} onClick={() => setView('annotate')}>
            Annotate
          </button>
          {me.role !== 'annotator' && (
            <button className={view === 'review' ? 'on' : ''} onClick={() => setView('review')}>
              Review
            </button>
          )}
          {me.role !== 'annotator' && (
            <button className={view === 'checks' ? 'on' : ''} onClick={() => setView('checks')}>
              Checks
            </button>
          )}
          {me.role === 'admin' && (
            <button
              className={view === 'dashboard' ? 'on' : ''}
              onClick={() => setView('dashboard')}
            >
              Dashboard
            </button>
          )}
          <button
            className={view === 'leaderboard' ? 'on' : ''}
            onClick={() => setView('leaderboard')}
          >
            {me.role === 'admin' ? 'Leaderboard & pay' : 'Leaderboard'}
          </button>
        </nav>
        <span className="muted">
          {me.name} · {me.role}
        </span>
        <button onClick={signOut} disabled={signingIn.busy}>
          Sign out
        </button>
      </header>
      {view === 'annotate' && <AnnotatePage me={me} />}
      {view === 'dashboard' && <DashboardPage project={me.project} />}
      {view === 'review' && <ReviewPage me={me} />}
      {view === 'checks' && me.role !== 'annotator' && <ChecksPage me={me} />}
      {view === 'leaderboard' && <LeaderboardPage me={me} />}
    </>
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
