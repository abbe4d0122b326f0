// The page's state lives in the URL hash, so any view can be shared or bookmarked:
// #on=2023-04-05&tab=place&lat=60.17&lon=24.94&view=10,-70,40 ...

const KEYS = ["on", "tab", "lat", "lon", "q", "target", "atk", "vic", "at", "tgt", "act", "missile", "origin", "view"];

export function readHash() {
  const p = new URLSearchParams(location.hash.replace(/^#/, ""));
  const out = {};
  for (const k of KEYS) if (p.has(k)) out[k] = p.get(k);
  return out;
}

export function writeHash(state) {
  const p = new URLSearchParams();
  for (const k of KEYS) {
    const v = state[k];
    if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  }
  const next = "#" + p.toString();
  if (next !== location.hash) history.replaceState(null, "", next);
}
