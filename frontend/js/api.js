// The one place that talks to the API: JSON in, JSON out, problem+json thrown as ApiError.
import { store } from './store.js';
import { problemSentence } from './messages.js';

const BASE = '/api/v1';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class ApiError extends Error {
  constructor(problem, status) {
    // The message is the sentence a person reads (never a version tag), wherever it is shown.
    super(problem.detail || problem.title ? problemSentence({ status, ...problem }) : `Request failed (${status})`);
    this.status = status;
    this.problem = problem;
    this.type = problem.type || '';
    this.title = problem.title || 'Something went wrong';
    this.detail = problem.detail || '';
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }

  /** The last part of the problem type: "too-early", "not-found" ... */
  get slug() {
    return this.type.split('/').pop();
  }

  /** The route itself does not exist (yet): the feature is not on this server. */
  get notAvailable() {
    return this.status === 405 || (this.status === 404 && this.detail.startsWith('There is nothing at this address'));
  }
}

function url(path, query) {
  const target = new URL(BASE + path, location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') target.searchParams.set(key, value);
  }
  return target;
}

/** A request that a newer one replaced (see latest()): nothing to show, nothing went wrong. */
export function isAborted(error) {
  return error?.name === 'AbortError';
}

/** api('/applications', {query, method, body, headers, signal}) → the parsed body (null for 204). */
export async function api(path, { method = 'GET', query, body, headers = {}, raw = false, signal } = {}) {
  const sent = { Accept: 'application/json, application/problem+json', ...headers };
  // A Blob (a file to import) goes as it is, with its own type; anything else as JSON.
  const blob = body instanceof Blob;
  if (body !== undefined) sent['Content-Type'] = blob ? body.type || 'application/octet-stream' : 'application/json';
  if (UNSAFE.has(method) && store.csrf) sent['X-CSRF-Token'] = store.csrf;
  let response;
  try {
    response = await fetch(url(path, query), {
      method,
      headers: sent,
      credentials: 'same-origin',
      body: body === undefined || blob ? body : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (isAborted(error)) throw error;
    throw new ApiError({ title: 'Offline', detail: 'The server could not be reached. Check your connection and try again.' }, 0);
  }
  const type = response.headers.get('content-type') || '';
  const data = response.status === 204 ? null : type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data : { title: response.statusText, detail: String(data || '') };
    const error = new ApiError(problem, response.status);
    // A lost session, or a session whose CSRF token this browser no longer has: sign in again.
    const lost = response.status === 401 || (response.status === 403 && error.slug === 'csrf-token-missing');
    if (lost && !path.startsWith('/auth/')) store.dispatchEvent(new Event('unauthorized'));
    throw error;
  }
  return raw ? { data, etag: response.headers.get('ETag') } : data;
}

export const get = (path, query) => api(path, { query });

/**
 * For as-you-type requests: each call aborts the one before, so a slow answer to an old query
 * can never land after the answer to the new one. The aborted call rejects with an AbortError
 * (isAborted), which callers ignore.
 */
export function latest() {
  let controller = null;
  return (path, options = {}) => {
    controller?.abort();
    controller = new AbortController();
    return api(path, { ...options, signal: controller.signal });
  };
}
export const post = (path, body, options = {}) => api(path, { ...options, method: 'POST', body });
export const patch = (path, body, options = {}) => api(path, { ...options, method: 'PATCH', body });
export const del = (path, options = {}) => api(path, { ...options, method: 'DELETE' });

/** Runs `request`; a missing route resolves to `fallback` instead of failing. */
export async function optional(request, fallback = null) {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiError && error.notAvailable) return fallback;
    throw error;
  }
}
