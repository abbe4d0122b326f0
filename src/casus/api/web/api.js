// Talking to the casus API on the same origin. Every answer is JSON; an error carries the
// server's body ({error, message, field, accepted, suggestions}) so the page can show it as is.

export class ApiError extends Error {
  constructor(body, status) {
    super((body && body.message) || `request failed (${status})`);
    this.body = body || {};
    this.status = status;
  }
}

function url(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== "") q.set(k, v);
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

async function handle(response) {
  let body = null;
  try { body = await response.json(); } catch (_) { body = null; }
  if (!response.ok) throw new ApiError(body, response.status);
  return body;
}

// Every request has a time limit (window.CASUS_TIMEOUT_MS lets a test shorten it). A request cancelled
// by the caller's signal (a newer search) rejects with an AbortError, which callers ignore; one that runs
// out of time rejects with a TimeoutError whose message says so.
export const TIMEOUT_MS = 30000;

export class TimeoutError extends Error {
  constructor(path, ms) {
    super(`No answer from the server after ${Math.round(ms / 1000)} s (${path}). Check the connection and retry.`);
    this.name = "TimeoutError";
    this.body = {};
  }
}

export const isAbort = (err) => err && err.name === "AbortError";

async function timedFetch(path, init, signal) {
  const ms = Number(window.CASUS_TIMEOUT_MS) || TIMEOUT_MS;
  const ctl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; ctl.abort(); }, ms);
  const onAbort = () => ctl.abort();
  if (signal) {
    if (signal.aborted) ctl.abort();
    else signal.addEventListener("abort", onAbort, { once: true });
  }
  try {
    return await handle(await fetch(path, { ...init, signal: ctl.signal }));
  } catch (err) {
    if (timedOut) throw new TimeoutError(path.split("?")[0], ms);
    throw err;
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener("abort", onAbort);
  }
}

export async function getJSON(path, params, { signal } = {}) {
  return timedFetch(url(path, params), { headers: { Accept: "application/json" } }, signal);
}

export async function postJSON(path, data, { signal } = {}) {
  return timedFetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(data),
  }, signal);
}

// One promise per key: the coverage of a date is fetched once per page, whatever the slider does.
const memo = new Map();
export function cached(key, make) {
  if (!memo.has(key)) {
    const p = make().catch((e) => { memo.delete(key); throw e; });
    memo.set(key, p);
  }
  return memo.get(key);
}

export const coverage = (on) => cached(`coverage:${on}`, () => getJSON("/api/coverage", { on }));
