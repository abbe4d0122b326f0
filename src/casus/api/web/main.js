// Wiring: the date, the map, the three questions (who defends a place, a scenario, missile reach)
// and the URL that records them. Everything is asked of this server's API; nothing leaves the machine.

import { coverage, getJSON, postJSON, cached, isAbort } from "./api.js";
import { WorldMap } from "./map.js";
import {
  assessmentView, defenceView, errorBox, h, headlineBox, names, placeFacts, stateName,
} from "./panel.js";
import { reachRings, reachShade, reachView } from "./reach.js";
import { readHash, writeHash } from "./url.js";
import { download, fileName, viewPng, viewSvg } from "./export.js";

const $ = (id) => document.getElementById(id);
const FIRST_DAY = "1949-01-01";
const DAY_MS = 86400000;

const state = Object.assign({ tab: "place", target: "territory" }, readHash());
let today = new Date().toISOString().slice(0, 10);
let map;
const seq = { place: 0, scenario: 0, reach: 0, coverage: 0 };
let outlinesReady = false;
// one pending request per question: a new search cancels the one before it
const pending = { place: null, scenario: null, reach: null };
function fresh(kind) {
  if (pending[kind]) pending[kind].abort();
  pending[kind] = new AbortController();
  return pending[kind].signal;
}

// on a phone (one column) an answer is scrolled into view once it arrives
function reveal(out) {
  if (window.matchMedia("(max-width: 900px)").matches && out.firstElementChild) {
    out.firstElementChild.scrollIntoView({ block: "start" });
  }
}

// ------------------------------------------------------------------ small helpers
const dayIndex = (iso) => Math.round((Date.parse(iso) - Date.parse(FIRST_DAY)) / DAY_MS);
const dayAt = (i) => new Date(Date.parse(FIRST_DAY) + i * DAY_MS).toISOString().slice(0, 10);
// a real day written YYYY-MM-DD (2023-02-30 is refused, not moved to March)
const validDay = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s || "") && !Number.isNaN(Date.parse(s)) &&
  new Date(Date.parse(s)).toISOString().slice(0, 10) === s;
const round = (v, n = 4) => Math.round(v * 10 ** n) / 10 ** n;

function parseLatLon(text) {
  const m = String(text || "").trim().match(/^(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)$/);
  if (!m) return null;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
}

function debounce(fn, ms) {
  let t = null;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}

function busy(text) {
  $("loading").textContent = text || "";
}

const saveHash = debounce(() => writeHash(state), 150);

// ------------------------------------------------------------------ date
function setDate(on, { refresh = true } = {}) {
  if (!validDay(on)) return;
  if (on > today) on = today;
  if (on < FIRST_DAY) on = FIRST_DAY;
  state.on = on;
  $("date").value = on;
  $("date-slider").value = String(dayIndex(on));
  $("year").textContent = on.slice(0, 4);
  $("date-slider").setAttribute("aria-valuetext", on);
  $("legend-date").textContent = on;
  $("sc-date").textContent = on;
  $("date").removeAttribute("aria-invalid");
  markChange();
  saveHash();
  if (refresh) refreshForDate();
}

// ------------------------------------------------------------------ the dates on which something changed
// (from /api/diff: treaties entering into force or ending, members joining or leaving, territories changing
// hands, clauses changing phase); the slider snaps to them and the list below the map names them.
let changeDays = [];  // sorted day indexes
const SNAP_PX = 4;    // a slider position this close (in pixels) to a change date snaps to it

async function loadChanges() {
  const body = await cached("changes", () => getJSON("/api/diff", { from: "1948-12-31", to: today }));
  const byDay = new Map();
  for (const c of body.changes || []) {
    if (c.kind === "treaty_signed") continue;  // a signature binds no one
    if (!byDay.has(c.date)) byDay.set(c.date, []);
    byDay.get(c.date).push(c.text);
  }
  const days = [...byDay.keys()].sort();
  changeDays = days.map(dayIndex);
  $("change-ticks").replaceChildren(...days.map((d) => h("option", { value: String(dayIndex(d)) })));
  $("changes-count").textContent = `${days.length} dates`;
  $("change-list").replaceChildren(...days.map((d) => h("li", { dataset: { date: d } },
    h("button", { type: "button", class: "change-day", onclick: () => { stopPlay(); setDate(d); } },
      h("time", { datetime: d }, d)),
    h("ul", {}, ...byDay.get(d).map((t) => h("li", {}, t))))));
  markChange();
  document.body.dataset.changes = String(days.length);
}

function nearestChange(i, within) {
  let best = null;
  for (const c of changeDays) {
    if (Math.abs(c - i) <= within && (best === null || Math.abs(c - i) < Math.abs(best - i))) best = c;
  }
  return best;
}

function snapDays() {
  const slider = $("date-slider");
  return Math.max(1, Math.round((Number(slider.max) / Math.max(slider.clientWidth, 100)) * SNAP_PX));
}

function stepChange(direction) {
  const i = dayIndex(state.on);
  const next = direction > 0 ? changeDays.find((c) => c > i) : [...changeDays].reverse().find((c) => c < i);
  if (next !== undefined) setDate(dayAt(next));
}

// the list marks the change of the date shown (or the last one before it)
function markChange() {
  const items = [...$("change-list").children];
  let current = null;
  for (const li of items) {
    li.removeAttribute("aria-current");
    if (li.dataset.date <= state.on) current = li;
  }
  if (current) {
    current.setAttribute("aria-current", current.dataset.date === state.on ? "date" : "true");
    if ($("changes").open) {
      const list = $("change-list");
      list.scrollTop = current.offsetTop - list.offsetTop - list.clientHeight / 3;
    }
  }
}

// ------------------------------------------------------------------ play: the years one after another
let player = null;
let lastReach = null;

function playDelay() {
  // with reduced motion, the years still advance, but slowly enough to read each map
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches ? 3000 : 900;
}

function nextYear(on) {
  const y = Number(on.slice(0, 4)) + 1;
  return `${String(y).padStart(4, "0")}${on.slice(4)}`.replace(/-02-29$/, "-02-28");
}

function startPlay() {
  if (player) return;
  if (nextYear(state.on) > today) setDate(FIRST_DAY);
  const ms = playDelay();
  player = { ms, timer: null };
  const button = $("play");
  button.setAttribute("aria-pressed", "true");
  button.textContent = "■ Stop";
  button.title = "Stop (Escape)";
  document.body.dataset.playing = String(ms);
  const tick = async () => {
    if (!player) return;
    const next = nextYear(state.on);
    if (next > today) { stopPlay(); return; }
    setDate(next);
    // the next year waits for this year's colours, so that a slow server is never outrun
    try { await coverage(next); } catch (_) { /* shown by loadCoverage */ }
    if (player) player.timer = setTimeout(tick, player.ms);
  };
  player.timer = setTimeout(tick, Math.min(ms, 400));
}

function stopPlay() {
  if (!player) return;
  clearTimeout(player.timer);
  player = null;
  const button = $("play");
  button.setAttribute("aria-pressed", "false");
  button.textContent = "▶ Play";
  button.title = "Play the years from this date";
  delete document.body.dataset.playing;
}

const refreshForDate = debounce(() => {
  loadCoverage();
  if (state.tab === "place" && (state.lat !== undefined || state.q)) showPlace();
  if (state.tab === "scenario" && $("scenario-out").childElementCount) runScenario();
  if (state.tab === "reach" && $("reach-out").childElementCount) runReach();
}, 120);

async function loadCoverage() {
  const mine = ++seq.coverage;
  const on = state.on;
  busy(`colouring the map for ${on}…`);
  try {
    const cov = await coverage(on);
    if (mine !== seq.coverage) return;
    map.setCoverage(cov.territories);
    document.body.dataset.coverageDate = on;
    busy("");
  } catch (err) {
    if (mine === seq.coverage) {
      $("loading").replaceChildren(`The map's colours failed: ${err.message} `,
        h("button", { type: "button", class: "retry", onclick: () => loadCoverage() }, "Retry"));
    }
  }
}

// ------------------------------------------------------------------ tabs
function setTab(tab, { focus = false } = {}) {
  if (!["place", "scenario", "reach"].includes(tab)) tab = "place";
  state.tab = tab;
  for (const t of ["place", "scenario", "reach"]) {
    const button = $(`tab-${t}`);
    const on = t === tab;
    button.setAttribute("aria-selected", String(on));
    button.tabIndex = on ? 0 : -1;
    $(`view-${t}`).hidden = !on;
    if (on && focus) button.focus();
  }
  document.querySelector(".ring-key").hidden = !(tab === "reach" && $("reach-out").childElementCount);
  saveHash();
}

function bindTabs() {
  const order = ["place", "scenario", "reach"];
  for (const t of order) {
    $(`tab-${t}`).addEventListener("click", () => setTab(t));
    $(`tab-${t}`).addEventListener("keydown", (e) => {
      const i = order.indexOf(t);
      if (e.key === "ArrowRight") setTab(order[(i + 1) % 3], { focus: true });
      else if (e.key === "ArrowLeft") setTab(order[(i + 2) % 3], { focus: true });
      else return;
      e.preventDefault();
    });
  }
}

// ------------------------------------------------------------------ picking a place
function onPick({ lon, lat, tid }) {
  lat = round(lat);
  lon = round(lon);
  map.setMarker(lon, lat);
  if (state.tab === "scenario") {
    $("sc-place").value = `${lat}, ${lon}`;
    state.at = $("sc-place").value;
    saveHash();
    return;
  }
  if (state.tab === "reach") {
    $("rc-origin").value = `${lat}, ${lon}`;
    state.origin = $("rc-origin").value;
    saveHash();
    return;
  }
  Object.assign(state, { lat, lon, q: undefined });
  if (tid) map.select(tid);
  saveHash();
  showPlace();
}

async function search(text) {
  const q = String(text || "").trim();
  if (!q) return;
  const ll = parseLatLon(q);
  setTab(state.tab === "reach" || state.tab === "scenario" ? state.tab : "place");
  if (ll) {
    map.centreOn(ll.lon, ll.lat);
    onPick(ll);
    return;
  }
  if (state.tab === "scenario") { $("sc-place").value = q; state.at = q; saveHash(); return; }
  if (state.tab === "reach") { $("rc-origin").value = q; state.origin = q; saveHash(); return; }
  Object.assign(state, { q, lat: undefined, lon: undefined });
  saveHash();
  await showPlace({ zoom: true });
}

async function showPlace({ zoom = false } = {}) {
  const out = $("place-out");
  const mine = ++seq.place;
  const on = state.on;
  const target = state.target || "territory";
  const byName = state.q && state.lat === undefined;
  const where = byName ? { name: state.q, on } : { lat: state.lat, lon: state.lon, on };
  const asked = byName ? { place: state.q, on, target } : { lat: state.lat, lon: state.lon, on, target };
  out.setAttribute("aria-busy", "true");
  busy("asking who defends it…");
  const signal = fresh("place");
  const [w, d] = await Promise.allSettled([
    getJSON(byName ? "/api/place" : "/api/where", where, { signal }),
    getJSON("/api/defends", asked, { signal }),
  ]);
  if (mine !== seq.place || signal.aborted) return;
  busy("");
  out.removeAttribute("aria-busy");
  const nodes = [];
  if (d.status === "fulfilled") {
    const hb = headlineBox(d.value.headline);
    if (hb) nodes.push(hb);
    // the answer on the map: the states bound to defend the place, in one colour
    const marks = {};
    for (const code of d.value.bound || []) marks[code] = "bound";
    map.setShade([], {});
    map.setMarks(marks);
    showAnswerKey([{ cls: "bound", text: `Bound to defend it (${(d.value.bound || []).length})` }]);
  } else {
    map.setMarks({});
    showAnswerKey([]);
  }
  if (w.status === "fulfilled") {
    const place = w.value;
    nodes.push(placeFacts(place, (id) => map.features.get(id)?.name));
    if (place.territory) map.select(place.territory);
    const f = map.features.get(place.territory);
    if (place.lat !== undefined && f && isSmall(f)) {
      // a small island: a marker and its name, since its outline is a speck at this zoom
      map.setMarker(byName ? place.lon : state.lon, byName ? place.lat : state.lat, f.name);
    }
    if (byName && place.lat !== undefined) {
      if (!(f && isSmall(f))) map.setMarker(place.lon, place.lat);
      if (zoom) {
        if (f) map.zoomTo(f.bbox, 12);
        else map.centreOn(place.lon, place.lat);
      }
    }
  } else {
    nodes.push(errorBox(w.reason, { onSuggest: (s) => { $("search").value = s; search(s); },
      onRetry: () => showPlace({ zoom }) }));
  }
  if (d.status === "fulfilled") {
    nodes.push(...defenceView(d.value).filter((n) => !n.classList.contains("headline")));
  } else if (w.status === "fulfilled") {
    nodes.push(errorBox(d.reason, { onRetry: () => showPlace({ zoom }) }));
  }
  out.replaceChildren(...nodes);
  out.dataset.on = on;
  reveal(out);
}

// ------------------------------------------------------------------ the answer on the map
const isSmall = (f) => Math.max(f.bbox[2] - f.bbox[0], f.bbox[3] - f.bbox[1]) < 1.2;

// items: [{cls, text}] swatches; buttons: optional step control nodes
function showAnswerKey(items, controls = []) {
  const key = $("answer-key");
  key.replaceChildren(...items.map((i) => h("span", { class: "key-item", dataset: { cls: i.cls } },
    h("span", { class: `swatch ${i.cls}`, "aria-hidden": "true" }), i.text)), ...controls);
  key.hidden = !items.length;
}

// A scenario's cascade on the map: each state coloured by the round in which it is drawn in, up to `step`.
function showCascade(cascade, step) {
  const rounds = ((cascade && cascade.rounds) || []).filter((r) => r.drawn_in && r.drawn_in.length);
  if (!rounds.length) { map.setMarks({}); showAnswerKey([]); return; }
  const last = rounds[rounds.length - 1].round;
  const upTo = step && step <= last ? step : last;
  const marks = {};
  const attackers = ((cascade.graph && cascade.graph.nodes) || []).filter((n) => n.side === "attacker")
    .map((n) => n.id);
  for (const r of rounds) {
    if (r.round > upTo) continue;
    for (const code of r.drawn_in) if (!(code in marks)) marks[code] = `round-${Math.min(r.round, 5)}`;
  }
  map.setShade([], {});
  map.setMarks(marks);
  document.body.dataset.cascadeStep = String(upTo);
  // the attacker (and those bound on its side, once drawn in) in red
  if (attackers.length) {
    const drawn = new Set(rounds.flatMap((r) => r.drawn_in));
    for (const code of attackers) if (code in marks || !drawn.has(code)) marks[code] = "attacker";
    map.setMarks(marks);
  }
  const items = [{ cls: "attacker", text: "Attacking side" }, ...rounds.map((r) => ({ cls: `round-${Math.min(r.round, 5)}`,
    text: `Round ${r.round} (${r.drawn_in.length})` }))];
  const steps = h("span", { class: "steps", role: "group", "aria-label": "Show the cascade up to round" },
    ...rounds.map((r) => h("button", { type: "button", "aria-pressed": String(r.round === upTo),
      dataset: { round: String(r.round) }, onclick: () => showCascade(cascade, r.round) }, `Round ${r.round}`)));
  showAnswerKey(items, [steps]);
}

// ------------------------------------------------------------------ scenario
function scenarioFromForm() {
  const place = $("sc-place").value.trim();
  const ll = parseLatLon(place);
  const obj = {
    date: state.on,
    attacker: $("sc-attacker").value.trim(),
    victim: $("sc-victim").value.trim() || null,
    target: $("sc-target").value,
    act: $("sc-act").value,
  };
  if (ll) obj.place = ll;
  else if (place) obj.place = place;
  Object.assign(state, { atk: obj.attacker, vic: obj.victim || "", at: place, tgt: obj.target, act: obj.act });
  saveHash();
  return obj;
}

async function runScenario() {
  const out = $("scenario-out");
  const mine = ++seq.scenario;
  const scenario = scenarioFromForm();
  busy("assessing…");
  out.setAttribute("aria-busy", "true");
  try {
    const a = await postJSON("/api/assess", scenario, { signal: fresh("scenario") });
    if (mine !== seq.scenario) return;
    out.replaceChildren(...assessmentView(a, (id) => map.features.get(id)?.name));
    showCascade(a.cascade);
    if (a.place && a.place.lat !== undefined) map.setMarker(a.place.lon, a.place.lat);
    else if (scenario.place && scenario.place.lat !== undefined) map.setMarker(scenario.place.lon, scenario.place.lat);
    if (a.place && a.place.territory) map.select(a.place.territory);
  } catch (err) {
    if (mine === seq.scenario && !isAbort(err)) out.replaceChildren(errorBox(err, { onRetry: runScenario }));
  } finally {
    if (mine === seq.scenario) { busy(""); out.removeAttribute("aria-busy"); reveal(out); }
  }
}

// ------------------------------------------------------------------ reach
async function runReach() {
  const out = $("reach-out");
  const mine = ++seq.reach;
  const missile = $("rc-missile").value;
  const originText = $("rc-origin").value.trim();
  Object.assign(state, { missile, origin: originText });
  saveHash();
  const ll = parseLatLon(originText);
  const params = ll ? { missile, lat: ll.lat, lon: ll.lon, on: state.on, rings: true }
    : { missile, origin: originText, on: state.on, rings: true };
  busy("computing ranges…");
  out.setAttribute("aria-busy", "true");
  try {
    const r = await getJSON("/api/reach", params, { signal: fresh("reach") });
    if (mine !== seq.reach) return;
    const { features, sites } = reachRings(r);
    map.setRings(features, sites);
    lastReach = r;
    const shade = reachShade(r);
    map.setMarks({});
    map.setShade(shade.areas, shade.classes);
    showAnswerKey(shade.key);
    document.body.dataset.reach = `${r.missile ? r.missile.id : ""}@${r.origin ? r.origin.name : ""}@${r.on}`;
    out.replaceChildren(...reachView(r));
    document.querySelector(".ring-key").hidden = false;
  } catch (err) {
    if (mine === seq.reach && !isAbort(err)) {
      out.replaceChildren(errorBox(err, { onSuggest: (s) => { $("rc-origin").value = s; runReach(); },
        onRetry: runReach }));
    }
  } finally {
    if (mine === seq.reach) { busy(""); out.removeAttribute("aria-busy"); reveal(out); }
  }
}

function clearReach() {
  ++seq.reach;
  map.setRings([], []);
  map.setShade([], {});
  showAnswerKey([]);
  delete document.body.dataset.reach;
  $("reach-out").replaceChildren();
  document.querySelector(".ring-key").hidden = true;
}

// ------------------------------------------------------------------ catalogues for the forms
async function loadCatalogues() {
  const [st, tr, pl, ms] = await Promise.allSettled([
    cached("states", () => getJSON("/api/states")),
    cached("treaties", () => getJSON("/api/treaties")),
    cached("places", () => getJSON("/api/places")),
    cached("missiles", () => getJSON("/api/missiles")),
  ]);
  if (st.status === "fulfilled") {
    for (const s of st.value.states) names.states.set(s.code, s.name);
    $("state-codes").replaceChildren(...st.value.states.map((s) => h("option", { value: s.code }, s.name)));
  }
  if (tr.status === "fulfilled") {
    for (const t of tr.value.treaties) names.treaties.set(t.treaty, t.name);
  }
  if (pl.status === "fulfilled") {
    $("place-names").replaceChildren(...pl.value.places.map((p) => h("option", { value: p })));
  }
  if (ms.status === "fulfilled") {
    const select = $("rc-missile");
    select.replaceChildren(...ms.value.missiles.map((m) => h("option", { value: m.id },
      `${m.name} (${stateName(m.owner)}, ${Math.round(m.range_km.low).toLocaleString("en")}–` +
      `${Math.round(m.range_km.high).toLocaleString("en")} km)`)));
    if (state.missile) select.value = state.missile;
    // a launch site, or a whole state that has missiles (launched from anywhere in its territory)
    const owners = [...new Set(ms.value.missiles.map((m) => m.owner))].sort();
    $("site-names").replaceChildren(...ms.value.launch_sites.map((s) => h("option", { value: s.name },
      `${s.name} (${s.state})`)), ...owners.map((code) => h("option", { value: names.states.get(code) || code },
      `${stateName(code)}: anywhere in its territory`)));
  }
}

// ------------------------------------------------------------------ sharing
async function copyLink() {
  writeHash(state);
  const link = location.href;
  try {
    await navigator.clipboard.writeText(link);
    busy("Link copied.");
  } catch (_) {
    // no clipboard (an http page, a refusal): show the link selected, to copy by hand
    busy(`Copy this link: ${link}`);
  }
  document.body.dataset.copied = link;
}

// What the view shows, for the caption of a saved picture: the question, the answer, and a subject
// for the file name.
function caption() {
  const on = state.on;
  const text = (sel) => (document.querySelector(sel)?.innerText || "").replace(/\s+/g, " ").trim();
  let question = `Defence commitments on ${on}: who is covered by which treaty against an armed attack`;
  let answer = "Colours: covered by NATO Article 5; covered only by another treaty; ambiguous; covered by no treaty.";
  let subject = "map";
  if (state.tab === "place" && $("place-out").querySelector(".headline")) {
    const title = text("#place-title");
    const asked = state.q || (state.lat !== undefined ? `${state.lat}, ${state.lon}` : "");
    const where = asked && title && asked !== title ? `${asked} (${title})` : asked || title;
    question = `Who is bound to defend ${where} against an armed attack on its ${
      (state.target || "territory").replace("_", " ")} on ${on}?`;
    answer = text("#place-out .headline");
    subject = asked || title;
  } else if (state.tab === "scenario" && $("scenario-out").querySelector(".headline")) {
    question = `${text("#scenario-out h2")} on ${on}${state.at ? ` at ${state.at}` : ""}: which treaties apply?`;
    answer = text("#scenario-out .headline");
    subject = `${state.atk || ""} ${state.vic || ""} ${state.at || ""}`;
  } else if (state.tab === "reach" && $("reach-out").querySelector("h2")) {
    question = `${text("#reach-out h2")} on ${on}: what lies within range, and which defence clauses cover it?`;
    answer = [text("#reach-out .sub"), text("#reach-out .verdict"),
      [...document.querySelectorAll("#answer-key .key-item")].map((k) => k.innerText.trim()).join("; ")]
      .filter(Boolean).join(". ");
    subject = text("#reach-out h2");
  }
  const credits = new Set(["Outlines: Natural Earth 1:10m admin-0 (public domain), with territory parts defined in " +
    "the casus knowledge base."]);
  if (state.tab === "reach" && lastReach) for (const c of lastReach.credits || []) credits.add(c);
  return {
    on, question, answer, subject,
    source: `Source: casus, an open-source engine of collective-defence commitments; each clause and membership ` +
      `date is cited to its treaty text and depositary record in the knowledge base. View: ${location.href}`,
    credits: `Made with casus. ${[...credits].join(" ")} Whether allies act is a political decision.`,
  };
}

async function saveView(kind) {
  writeHash(state);
  const cap = caption();
  const name = `${fileName(cap.on, cap.subject)}.${kind}`;
  try {
    if (kind === "svg") {
      download(new Blob([viewSvg($("map-svg"), cap).svg], { type: "image/svg+xml" }), name);
    } else {
      download(await viewPng($("map-svg"), cap), name);
    }
    busy(`Saved ${name}.`);
    document.body.dataset.saved = name;
  } catch (err) {
    busy(`The picture could not be saved: ${err.message}`);
  }
}

// ------------------------------------------------------------------ following the link
function followHash() {
  const next = readHash();
  const keys = ["on", "tab", "lat", "lon", "q", "target", "atk", "vic", "at", "tgt", "act", "missile", "origin", "view"];
  if (keys.every((k) => String(next[k] ?? "") === String(state[k] ?? ""))) return;
  for (const k of keys) state[k] = next[k];
  if (state.view) map.setView(state.view);
  setDate(validDay(state.on) ? state.on : today, { refresh: false });
  $("target").value = state.target || "territory";
  setTab(state.tab || "place");
  if (state.lat !== undefined && state.lon !== undefined) {
    state.lat = Number(state.lat);
    state.lon = Number(state.lon);
    map.setMarker(state.lon, state.lat);
    if (state.tab === "place") showPlace();
  } else if (state.q) {
    $("search").value = state.q;
    if (state.tab === "place") showPlace({ zoom: !state.view });
  }
  loadCoverage();
}

// ------------------------------------------------------------------ start
async function start() {
  try {
    const health = await getJSON("/api/health");
    if (health.today && health.today < today) today = health.today;
  } catch (_) { /* the page still works with the browser's date */ }
  const slider = $("date-slider");
  slider.max = String(dayIndex(today));
  $("date").max = today;
  // dragging snaps to a nearby date on which something changed
  slider.addEventListener("input", () => {
    stopPlay();
    const i = Number(slider.value);
    const snap = nearestChange(i, snapDays());
    setDate(dayAt(snap === null ? i : snap));
  });
  // the keyboard steps the slider by a year (arrows) or ten (Page Up / Page Down), not by a day;
  // with Shift, the arrows go to the next or previous date on which something changed
  slider.addEventListener("keydown", (e) => {
    if (e.shiftKey && ["ArrowRight", "ArrowUp", "ArrowLeft", "ArrowDown"].includes(e.key)) {
      e.preventDefault();
      stopPlay();
      stepChange(e.key === "ArrowRight" || e.key === "ArrowUp" ? 1 : -1);
      return;
    }
    const years = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10 }[e.key];
    if (!years) return;
    e.preventDefault();
    stopPlay();
    const y = Number(state.on.slice(0, 4)) + years;
    setDate(`${String(y).padStart(4, "0")}${state.on.slice(4)}`.replace(/-02-29$/, "-02-28"));
  });
  // the date is typed as YYYY-MM-DD whatever the browser's language (a date picker would show its own format)
  $("date").addEventListener("change", () => {
    const typed = $("date").value.trim();
    stopPlay();
    if (validDay(typed)) { setDate(typed); return; }
    $("date").setAttribute("aria-invalid", "true");
    busy(`"${typed}" is not a date: write it YYYY-MM-DD, from ${FIRST_DAY} to ${today}.`);
  });
  $("play").addEventListener("click", () => (player ? stopPlay() : startPlay()));
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && player) stopPlay(); });
  $("save-png").addEventListener("click", () => saveView("png"));
  $("save-svg").addEventListener("click", () => saveView("svg"));

  map = new WorldMap($("map"), $("map-svg"), { onPick });
  map.onView = debounce((v) => { state.view = v; saveHash(); }, 250);
  $("copy-link").addEventListener("click", copyLink);
  $("zoom-in").addEventListener("click", () => map.zoomBy(1.6));
  $("zoom-out").addEventListener("click", () => map.zoomBy(1 / 1.6));
  $("zoom-reset").addEventListener("click", () => map.reset());
  window.casus = { map, state, ready: false };

  bindTabs();
  $("search-form").addEventListener("submit", (e) => { e.preventDefault(); search($("search").value); });
  $("target").addEventListener("change", () => { state.target = $("target").value; saveHash(); if (state.lat !== undefined || state.q) showPlace(); });
  $("scenario-form").addEventListener("submit", (e) => { e.preventDefault(); runScenario(); });
  $("reach-form").addEventListener("submit", (e) => { e.preventDefault(); runReach(); });
  $("rc-clear").addEventListener("click", clearReach);

  // restore what the URL says
  const view = state.view;
  setDate(validDay(state.on) ? state.on : today, { refresh: false });
  $("target").value = state.target || "territory";
  if (state.atk) $("sc-attacker").value = state.atk;
  if (state.vic) $("sc-victim").value = state.vic;
  if (state.at) $("sc-place").value = state.at;
  if (state.tgt) $("sc-target").value = state.tgt;
  if (state.act) $("sc-act").value = state.act;
  if (state.origin) $("rc-origin").value = state.origin;
  setTab(state.tab);

  const outlines = cached("outlines", () => getJSON("/api/territories.geojson"));
  busy("drawing the map…");
  loadCoverage();
  const catalogues = loadCatalogues();
  loadChanges().catch((err) => { $("changes-count").textContent = `(failed: ${err.message})`; });
  try {
    map.setOutlines(await outlines);
    outlinesReady = true;
  } catch (err) {
    busy(`the map outlines failed to load: ${err.message}`);
  }
  if (view) map.setView(view);
  await loadCoverage();
  await catalogues;
  if (state.lat !== undefined && state.lon !== undefined) {
    state.lat = Number(state.lat);
    state.lon = Number(state.lon);
    map.setMarker(state.lon, state.lat);
    if (state.tab === "place") await showPlace();
  } else if (state.q) {
    $("search").value = state.q;
    if (state.tab === "place") await showPlace({ zoom: !view });
  }
  if (state.tab === "scenario" && state.atk) await runScenario();
  if (state.tab === "reach" && state.missile && state.origin) await runReach();
  // the page follows its link: a hash changed by hand or by the browser's history is applied as it stands
  window.addEventListener("hashchange", followHash);
  window.addEventListener("popstate", followHash);
  window.casus.ready = outlinesReady;
  document.body.dataset.ready = "true";
}

start();
