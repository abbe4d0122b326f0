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

export async function getJSON(path, params, { signal } = {}) {
  return handle(await fetch(url(path, params), { headers: { Accept: "application/json" }, signal }));
}

export async function postJSON(path, data, { signal } = {}) {
  return handle(await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(data),
    signal,
  }));
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
