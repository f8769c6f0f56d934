import type {
  AnswerBody,
  AppealBody,
  AppealsResponse,
  AppealVerdictBody,
  AnswerResponse,
  DashboardPlotsResponse,
  PeoplePlotsResponse,
  DashboardResponse,
  Invitation,
  LoginResponse,
  MeResponse,
  ProgressResponse,
  ReviewResponse,
  ServedItemBody,
} from '../../src/contract/people-api.js';
import type { LeaderboardResponse, PayResponse } from '../../src/contract/pay-api.js';
import type { ChecksResponse } from '../../src/contract/checks-api.js';

/**
 * An API error with its neutral code; `status` 0 and code `NETWORK` when no answer came back.
 * @example if (e instanceof ApiError && e.status === 401) showSignIn()
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The slice of `fetch` the client uses. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

async function call<T>(fetcher: Fetch, method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetcher(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (data ?? {}) as { code?: unknown; message?: unknown };
    throw new ApiError(
      response.status,
      typeof error.code === 'string' ? error.code : 'INTERNAL',
      typeof error.message === 'string' ? error.message : response.statusText,
    );
  }
  if (data === undefined)
    throw new ApiError(response.status, 'INTERNAL', 'the answer from the server was not JSON');
  return data as T;
}

/**
 * The web app's calls to the HTTP API over `fetcher`; every failure, a lost connection included,
 * rejects with an ApiError.
 * @example const review = await createApi(fakeFetch).review()
 */
export function createApi(fetcher: Fetch) {
  const send = <T>(method: string, path: string, body?: unknown) =>
    call<T>(fetcher, method, path, body);
  return {
    /** Redeems a single-use invitation; the session comes back as an HttpOnly cookie. */
    login: (token: string) => send<LoginResponse>('POST', '/api/login', { token }),
    /** Ends the session on the server, not only in this browser. */
    logout: () => send<unknown>('POST', '/api/logout'),
    me: () => send<MeResponse>('GET', '/api/me'),
    /** `holding`: the item the page shows, so that a prefetch leases another. */
    next: (holding?: string) =>
      send<{ item: ServedItemBody | null }>(
        'GET',
        holding === undefined ? '/api/next' : `/api/next?holding=${encodeURIComponent(holding)}`,
      ),
    answer: (body: AnswerBody) => send<AnswerResponse>('POST', '/api/answers', body),
    undo: (itemId: string) => send<ServedItemBody>('POST', '/api/undo', { itemId }),
    progress: () => send<ProgressResponse>('GET', '/api/progress'),
    flag: (itemId: string, comment: string) =>
      send<unknown>('POST', '/api/flags', { itemId, comment }),
    dashboard: () => send<DashboardResponse>('GET', '/api/dashboard'),
    plots: () => send<DashboardPlotsResponse>('GET', '/api/admin/plots'),
    peoplePlots: () => send<PeoplePlotsResponse>('GET', '/api/admin/people-plots'),
    invite: (name: string, role: string) =>
      send<Invitation>('POST', '/api/annotators', { name, role }),
    setState: (id: string, state: 'active' | 'suspended') =>
      send<unknown>('PATCH', `/api/annotators/${encodeURIComponent(id)}`, { state }),
    setDiscounted: (id: string, discounted: boolean) =>
      send<unknown>('PATCH', `/api/annotators/${encodeURIComponent(id)}`, { discounted }),
    review: () => send<ReviewResponse>('GET', '/api/review'),
    settle: (itemId: string, label: string) =>
      send<unknown>('POST', `/api/review/${encodeURIComponent(itemId)}`, { label }),
    /** Expert checks waiting for a label (reviewers and admins). */
    checks: () => send<ChecksResponse>('GET', '/api/checks'),
    answerCheck: (itemId: string, label: string) =>
      send<unknown>('POST', `/api/checks/${encodeURIComponent(itemId)}`, { label }),
    appeal: (itemId: string, comment: string) =>
      send<AppealBody>('POST', '/api/appeals', { itemId, comment }),
    appeals: () => send<AppealsResponse>('GET', '/api/appeals?state=open'),
    settleAppeal: (id: number, verdict: AppealVerdictBody) =>
      send<AppealBody>('POST', `/api/appeals/${id}`, verdict),
    leaderboard: () => send<LeaderboardResponse>('GET', '/api/leaderboard'),
    pay: (period?: { from: string; to: string }) =>
      send<PayResponse>(
        'GET',
        `/api/admin/pay${period ? `?${new URLSearchParams(period).toString()}` : ''}`,
      ),
  };
}

/** The one API client of the web app. */
export const api = createApi((url, init) => fetch(url, init));
