// Missile reach: the rings to draw (the areas within the low and high public range estimates,
// and their edges) and what lies inside them, with the sources of the estimates.

import { h, stateName } from "./panel.js";

export function reachRings(r) {
  const features = (r.rings && r.rings.features) || [];
  const o = r.origin || {};
  const sites = o.lat !== undefined && o.lat !== null ? [{ lon: o.lon, lat: o.lat, name: o.name }] : [];
  return { features, sites };
}

// Reach shaded by cover, as the CLI's reach map does: each reachable territory in the class of its cover
// (a defence clause applies / only ambiguous cover / none), cut to the area within the high estimate;
// the launch state itself, for a launch from anywhere in it, in its own colour.
export const SHADE_KEY = [
  { cls: "reach-covered", text: "Within range, covered by a defence clause" },
  { cls: "reach-ambiguous", text: "Within range, cover ambiguous" },
  { cls: "reach-uncovered", text: "Within range, no defence clause applies" },
  { cls: "reach-beyond", text: "Beyond the high estimate" },
];

export function reachShade(r) {
  const classes = {};
  const rows = r.commitments && r.commitments.rows;
  if (rows) {
    for (const row of rows) {
      classes[row.territory] = row.applies && row.applies.length ? "reach-covered"
        : row.ambiguous && row.ambiguous.length ? "reach-ambiguous" : "reach-uncovered";
    }
  } else {
    for (const t of r.territories || []) if (t.within_high) classes[t.id] = "reach-reached";
  }
  const o = r.origin || {};
  const fromState = o.lat === undefined || o.lat === null;
  if (fromState) for (const t of o.territories || []) classes[t] = "reach-origin";
  const areas = ((r.rings && r.rings.features) || [])
    .filter((f) => f.properties && f.properties.role === "area" && f.properties.estimate === "high" && f.geometry)
    .map((f) => f.geometry);
  const present = new Set(Object.values(classes));
  const key = rows ? SHADE_KEY.filter((k) => k.cls === "reach-beyond" || present.has(k.cls))
    : [{ cls: "reach-reached", text: "Within the high estimate" }, SHADE_KEY[3]];
  if (fromState) key.unshift({ cls: "reach-origin", text: `Launch state: ${o.name}` });
  return { areas, classes, key };
}

const km = (v) => `${Math.round(v).toLocaleString("en")} km`;

function source(s) {
  if (!s) return null;
  const title = s.title || "source";
  const by = s.publisher && !title.includes(s.publisher) ? `${title} (${s.publisher})` : title;
  if (s.url) return h("a", { href: s.url, rel: "noreferrer noopener", target: "_blank" }, by);
  // the original is cited; a copy on another host, when there is one, is linked as such
  return s.via ? h("span", {}, `${by}, `, h("a", { href: s.via, rel: "noreferrer noopener", target: "_blank" }, "copy")) : by;
}

function chips(rows, label) {
  if (!rows.length) return null;
  return h("ul", { class: "chips", "aria-label": label }, ...rows.map((row) => h("li", {
    title: `${Math.round(row.distance_km).toLocaleString("en")} km${row.within_low ? "; within the low estimate too" : ""}`,
  }, `${row.name}${row.within_low ? "" : " ◦"}`)));
}

export function reachView(r) {
  const m = r.missile;
  const o = r.origin || {};
  const rng = r.range || {};
  const parts = [];
  parts.push(h("h2", {}, m ? `${m.name} from ${o.name}` : `${km(rng.high_km)} from ${o.name}`));
  const range = rng.low_km === rng.high_km ? km(rng.high_km) : `${km(rng.low_km)} to ${km(rng.high_km)}`;
  parts.push(h("p", { class: "sub" }, `Range ${range} (public estimates)` +
    (m ? ` · ${stateName(m.owner)} · first successful flight test ${m.first_flight}` : "") + ` · ${r.on}`));
  if (m && m.range) {
    parts.push(h("p", { class: "fine" }, "Low estimate: ", source(m.range.low && m.range.low.source), ". High estimate: ",
      source(m.range.high && m.range.high.source), "."));
  }
  for (const note of r.notes || []) parts.push(h("p", { class: "fine" }, note));
  if (o.lat === undefined || o.lat === null) {
    parts.push(h("p", { class: "hint" }, "Launched from anywhere in its territory: the dashed outline is the area " +
      "within range of some point of it (a sketch drawn around points of its border; the distances below are " +
      "measured from the whole territory)."));
  }
  const states = (r.states || []).filter((s) => s.within_high);
  const cities = (r.cities || []).filter((c) => c.within_high);
  const c = r.counts || {};
  parts.push(h("div", { class: "verdict v-none" },
    h("strong", {}, `Within range: ${c.states_within_high ?? states.length} states, ` +
      `${c.territories_within_high ?? (r.territories || []).length} territories`),
    h("span", {}, `${c.states_within_low ?? states.filter((s) => s.within_low).length} states within the low estimate. ` +
      "◦ marks those only the high estimate reaches.")));
  parts.push(h("h3", { class: "group" }, `States (${states.length})`), chips(states, "States within range"));
  if (cities.length) {
    parts.push(h("h3", { class: "group" }, `Cities of ${(r.cities_min_population || 0).toLocaleString("en")}+ (${cities.length})`),
      chips(cities.slice(0, 60), "Cities within range"));
  }
  const areas = (r.areas || []).filter((a) => a.within_high && a.clauses && a.clauses.length);
  if (areas.length) {
    parts.push(h("h3", { class: "group" }, "Treaty areas reached"), h("ul", {},
      ...areas.map((a) => h("li", {}, `${a.name}: `, a.clauses.join(", ")))));
  }
  const cm = r.commitments;
  if (cm && cm.clauses && cm.clauses.length) {
    parts.push(h("h3", { class: "group" }, "Defence clauses over the reachable area"),
      h("table", { class: "reach-table" },
        h("thead", {}, h("tr", {}, h("th", {}, "Clause"), h("th", {}, "covers"), h("th", {}, "binds"))),
        h("tbody", {}, ...cm.clauses.map((cl) => h("tr", {}, h("td", {}, cl.clause),
          h("td", {}, `${cl.applies_in.length} territories`), h("td", {}, `${cl.bound.length} states`))))));
    if (cm.uncovered && cm.uncovered.length) {
      parts.push(h("p", { class: "fine" }, `${cm.uncovered.length} reachable territories are covered by no defence clause.`));
    }
  }
  if (r.disclaimer) parts.push(h("p", { class: "fine" }, r.disclaimer));
  return parts;
}
