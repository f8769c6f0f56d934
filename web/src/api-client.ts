import type {
  AnswerBody,
  AnswerResponse,
  DashboardPlotsResponse,
  DashboardResponse,
  Invitation,
  MeResponse,
  ReviewResponse,
  ServedItemBody,
} from '../../src/contract/people-api.js';

/** An API error with its neutral code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = data as { code?: string; message?: string };
    throw new ApiError(
      response.status,
      error.code ?? 'INTERNAL',
      error.message ?? response.statusText,
    );
  }
  return data as T;
}

/** The one API client of the web app. */
export const api = {
  login: (token: string) => call<MeResponse>('POST', '/api/login', { token }),
  logout: () => call<unknown>('POST', '/api/logout'),
  me: () => call<MeResponse>('GET', '/api/me'),
  next: () => call<{ item: ServedItemBody | null }>('GET', '/api/next'),
  answer: (body: AnswerBody) => call<AnswerResponse>('POST', '/api/answers', body),
  undo: (itemId: string) => call<ServedItemBody>('POST', '/api/undo', { itemId }),
  dashboard: () => call<DashboardResponse>('GET', '/api/dashboard'),
  plots: () => call<DashboardPlotsResponse>('GET', '/api/admin/plots'),
  invite: (name: string, role: string) =>
    call<Invitation>('POST', '/api/annotators', { name, role }),
  setState: (id: string, state: 'active' | 'suspended') =>
    call<unknown>('PATCH', `/api/annotators/${encodeURIComponent(id)}`, { state }),
  setDiscounted: (id: string, discounted: boolean) =>
    call<unknown>('PATCH', `/api/annotators/${encodeURIComponent(id)}`, { discounted }),
  review: () => call<ReviewResponse>('GET', '/api/review'),
  settle: (itemId: string, label: string) =>
    call<unknown>('POST', `/api/review/${encodeURIComponent(itemId)}`, { label }),
};
