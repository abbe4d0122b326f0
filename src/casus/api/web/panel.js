// Rendering answers as DOM (never as HTML strings): the place, the verdict, each clause's finding
// with its reasons and citations, the cascade of a scenario, and what lies within a missile's reach.

export const names = { states: new Map(), treaties: new Map() };

export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return node;
}

export function stateName(code) {
  if (!code) return "none";
  if (code.startsWith && code.startsWith("nsa:")) return `non-state actor ${code.slice(4)}`;
  const name = names.states.get(code);
  return name ? `${name} (${code})` : code;
}

const STATUS_WORDS = { applies: "applies", does_not_apply: "does not apply", ambiguous: "ambiguous" };
const CLASS_WORDS = {
  nato: "Covered by NATO Article 5",
  alliance: "Covered by another collective-defence treaty, not NATO Article 5",
  ambiguous: "Coverage is ambiguous",
  none: "Covered by no collective-defence treaty",
};

export function errorBox(err, { onSuggest, onRetry } = {}) {
  const body = (err && err.body) || {};
  const box = h("div", { class: "error", role: "alert" },
    h("strong", {}, body.message || String(err.message || err)),
    body.accepted ? h("span", { class: "accepted" }, `Accepted: ${body.accepted}`) : null);
  if (Array.isArray(body.suggestions) && body.suggestions.length) {
    box.appendChild(h("span", { class: "accepted" }, "Did you mean: ",
      ...body.suggestions.map((s, i) => [i ? ", " : "", onSuggest
        ? h("a", { href: "#", onclick: (e) => { e.preventDefault(); onSuggest(s); } }, s) : s])));
  }
  // a server that did not answer (time limit, network) may answer next time; a refusal (4xx) will not
  const status = err && err.status;
  if (onRetry && !(status >= 400 && status < 500)) {
    box.appendChild(h("button", { type: "button", class: "retry", onclick: onRetry }, "Retry"));
  }
  return box;
}

// A state by its name, its code on hover.
export function stateLabel(code) {
  const name = names.states.get(code);
  return h("span", { class: "state", title: code, dataset: { code } }, name || code);
}

// A clause by its treaty's name, the clause id on hover.
export function clauseLabel(clause) {
  const treaty = String(clause).split("/")[0];
  const name = names.treaties.get(treaty);
  const art = String(clause).split("/")[1] || "";
  const text = name ? `${name}${art ? `, ${art.replace(/^art/, "Art. ")}` : ""}` : clause;
  return h("span", { class: "clause-name", title: clause, dataset: { clause } }, text);
}

function joined(nodes) {
  return nodes.flatMap((n, i) => (i ? [", ", n] : [n]));
}

// The notes the knowledge base attaches to a bound state: a caveat on its membership (Cuba in the Rio
// Treaty since 1962) or the dormancy of the treaty that binds it (SEATO since 1977). code -> [text]
export function stateNotes(findings) {
  const notes = new Map();
  const add = (code, text) => { if (!notes.has(code)) notes.set(code, []); notes.get(code).push(text); };
  for (const f of findings || []) {
    if (f.status === "does_not_apply") continue;
    const treaty = names.treaties.get(f.treaty) || f.treaty;
    for (const c of f.caveats || []) add(c.state, `${treaty}, since ${c.since}: ${c.text}`);
    if (f.dormancy) {
      for (const code of f.bound || f.bound_if_applies || []) add(code, `${treaty} dormant since ${f.dormancy.since}`);
    }
  }
  return notes;
}

function list(codes, notes) {
  if (!codes || !codes.length) return "none";
  return joined(codes.map((c) => withNote(c, notes)));
}

function withNote(code, notes) {
  const label = stateLabel(code);
  const these = notes && notes.get(code);
  if (!these || !these.length) return label;
  return h("span", { class: "with-note" }, label, h("span", { class: "note" }, ` (${these.join("; ")})`));
}

function claimText(c) {
  if (typeof c === "string") return stateName(c);
  if (c && c.state) return stateName(c.state) + (c.note ? ` (${c.note})` : "");
  return JSON.stringify(c);
}

// The library's headline (casus.law.headline / casus.geo.headline): one sentence a line, shown first.
export function headlineBox(text, cls = "headline") {
  const lines = String(text || "").split("\n").map((l) => l.trim()).filter(Boolean);
  if (!lines.length) return null;
  return h("div", { class: cls, role: "status" }, ...lines.map((l) => h("p", {}, l)));
}

// ------------------------------------------------------------------ the place
const pretty = (id) => String(id).replace(/-/g, " ");

// w: the Whereabouts of /api/where or /api/place; featureName: territory id -> its name on the map
export function placeFacts(w, featureName = () => null) {
  if (!w) return null;
  const title = w.territory_name || (w.setting === "high_seas" ? "High seas" : w.query || "Somewhere");
  const rows = [];
  const add = (label, value) => { if (value !== undefined && value !== null && value !== "") rows.push([label, value]); };
  if (w.territory) {
    add("Sovereign", w.sovereign ? stateName(w.sovereign) : "none (undetermined)");
    const admin = stateName(w.administrator || w.sovereign);
    add("Administrator", w.status && w.status !== "sovereign" ? `${admin} (${pretty(w.status)})` : admin);
    add("Claimants", w.claimants && w.claimants.length ? w.claimants.map(stateName).join(", ") : "none recorded");
    const parents = (w.parts || []).slice(1);
    if (parents.length) add("Part of", parents.map((p) => featureName(p) || p).join(" › "));
  } else {
    add("Sovereign", "none: more than 12 nautical miles from any land");
  }
  if (w.setting === "territorial_sea" && w.distance_km !== null && w.distance_km !== undefined) {
    add("Setting", `territorial sea, ${w.distance_km.toFixed(1)} km from land`);
  }
  const regions = w.regions || [];
  if (regions.length) add("Regions", regions.map(pretty).join(", "));
  const box = h("div", { class: "place" },
    h("h2", { id: "place-title" }, title),
    h("p", { class: "sub" }, `${Number(w.lat).toFixed(3)}°, ${Number(w.lon).toFixed(3)}°` +
      (w.on ? ` · ${w.on}` : "") + (w.territory ? ` · ${w.territory}` : "")),
    h("dl", { class: "facts" }, ...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])));
  for (const note of w.notes || []) box.appendChild(h("p", { class: "fine" }, note));
  return box;
}

// ------------------------------------------------------------------ findings
function reasonItem(r) {
  const holds = r.holds === true ? "true" : r.holds === false ? "false" : "null";
  const mark = r.holds === true ? "✓" : r.holds === false ? "✗" : "?";
  const label = r.holds === true ? "holds" : r.holds === false ? "fails" : "undetermined";
  return h("li", { class: `holds-${holds}` },
    h("span", { class: "mark", "aria-label": label, title: label }, mark),
    h("span", {}, h("span", { class: "condition" }, `${r.condition}: `), r.detail || "",
      r.cite ? h("span", { class: "cite" }, ` (${r.cite})`) : null));
}

export function findingCard(f, notes) {
  const deciding = f.status === "does_not_apply" ? f.reasons.filter((r) => r.holds === false) : f.reasons;
  const shown = deciding.length ? deciding : f.reasons;
  const treaty = names.treaties.get(f.treaty) || f.treaty;
  const card = h("article", { class: "finding", dataset: { clause: f.clause, status: f.status } },
    h("header", {},
      h("span", { class: "clause" }, f.clause),
      h("span", { class: `badge ${f.status}` }, STATUS_WORDS[f.status] || f.status)),
    h("p", { class: "treaty", title: f.treaty }, f.article ? `${treaty}, Art. ${f.article}` : treaty),
    h("ul", { class: "reasons" }, ...shown.map(reasonItem)));
  if (f.status === "does_not_apply" && shown.length < f.reasons.length) {
    card.appendChild(h("details", {}, h("summary", {}, "Every condition checked"),
      h("ul", { class: "reasons" }, ...f.reasons.map(reasonItem))));
  }
  if (f.status === "applies") {
    card.appendChild(h("p", { class: "bound" }, h("strong", {}, `Bound (${f.bound.length}): `),
      f.bound.length > 6 ? null : list(f.bound, notes)));
    if (f.bound.length > 6) card.appendChild(codeChips(f.bound, `States bound by ${f.clause}`, notes));
  } else if (f.status === "ambiguous" && f.bound_if_applies && f.bound_if_applies.length) {
    card.appendChild(h("p", { class: "bound" }, h("strong", {}, "Bound if it applies: "),
      f.bound_if_applies.length > 6 ? null : list(f.bound_if_applies, notes)));
    if (f.bound_if_applies.length > 6) card.appendChild(codeChips(f.bound_if_applies, `States bound if ${f.clause} applies`, notes));
  }
  if (f.status !== "does_not_apply" && f.dormancy) {
    // in force but dormant (SEATO since 1977): said on the card, the legal status unchanged
    card.appendChild(h("p", { class: "dormancy" }, h("strong", {}, `Dormant since ${f.dormancy.since}: `),
      f.dormancy.text));
  }
  if (f.status !== "does_not_apply" && f.caveats) {
    for (const c of f.caveats) {
      card.appendChild(h("p", { class: "dormancy" }, h("strong", {}, `${c.state}, since ${c.since}: `), c.text));
    }
  }
  if (f.dating && f.dating.estimated) {
    // a date near the day that is only an estimate (entry into force dated from signature): the verdict may
    // differ on the real date, whatever it is here
    const names = { in_force: "entry into force", ended: "end" };
    const which = Object.entries(f.dating.estimated).map(([k, d]) => `${names[k] || k} (${d})`).join(" and ");
    card.appendChild(h("p", { class: "dormancy" }, h("strong", {}, `Estimated ${which}: `), f.dating.text));
  }
  if (f.status !== "does_not_apply" && f.political_step) {
    card.appendChild(h("p", { class: "political" }, f.political_step));
  }
  return card;
}

export function findingGroups(findings) {
  const notes = stateNotes(findings);
  const groups = [
    ["applies", "Applies"],
    ["ambiguous", "Ambiguous"],
    ["does_not_apply", "Does not apply"],
  ];
  const out = [];
  for (const [status, title] of groups) {
    const items = findings.filter((f) => f.status === status);
    if (!items.length) continue;
    out.push(h("section", { class: "group", dataset: { group: status } },
      h("h3", { class: "group" }, `${title} (${items.length})`), ...items.map((f) => findingCard(f, notes))));
  }
  return out;
}

export function coverageClass(d) {
  const covered = d.covered_by || (d.summary && d.summary.applies) || [];
  if (covered.includes("nato/art5")) return "nato";
  if (covered.length) return "alliance";
  if ((d.ambiguous || (d.summary && d.summary.ambiguous) || []).length) return "ambiguous";
  return "none";
}

// States as chips: each by its name, the code on hover, and the notes attached to it beside it.
export function codeChips(codes, label, notes) {
  return h("ul", { class: "chips codes", "aria-label": label },
    ...codes.map((c) => h("li", { dataset: { code: c } }, withNote(c, notes))));
}

// One line on NATO Article 5 when it is in force but does not (or may not) apply: the reason that decides it.
function art5Line(findings) {
  const f = (findings || []).find((x) => x.clause === "nato/art5");
  if (!f || f.status === "applies") return null;
  const why = f.reasons.find((r) => r.holds === false) || f.reasons.find((r) => r.holds === null);
  return h("p", { class: "art5", dataset: { status: f.status } },
    h("strong", {}, `NATO Article 5 ${f.status === "ambiguous" ? "may apply" : "does not apply"}`),
    why ? `: ${why.detail}` : "", why && why.cite ? h("span", { class: "cite" }, ` (${why.cite})`) : null);
}

export function defenceView(d) {
  const cls = coverageClass(d);
  const bound = d.bound || [];
  const verdict = h("div", { class: `verdict v-${cls}`, dataset: { class: cls } },
    h("strong", {}, CLASS_WORDS[cls]),
    art5Line(d.findings),
    d.covered_by && d.covered_by.length ? h("p", { class: "under" }, "Under ", joined(d.covered_by.map(clauseLabel)), ".") : null,
    (d.ambiguous || []).length ? h("p", { class: "under" }, "Ambiguous: ", joined(d.ambiguous.map(clauseLabel)), ".") : null,
    h("p", { class: "under" }, bound.length ? `${bound.length} states bound to defend it:` : "No state is bound to defend it."),
    bound.length ? codeChips(bound, "States bound to defend it", stateNotes(d.findings)) : null,
    h("p", { class: "fine" }, d.question || ""));
  return [headlineBox(d.headline), verdict, ...findingGroups(d.findings || [])].filter(Boolean);
}

// ------------------------------------------------------------------ scenario
export function assessmentView(a, featureName) {
  const at = a.attack || {};
  const where = a.place && (a.place.territory_name || a.place.territory);
  const summary = a.summary || {};
  const act = (at.act || "").replace("_", " ");
  const applies = summary.applies || [];
  const bound = summary.bound || [];
  const parts = [
    headlineBox(a.headline),
    h("h2", {}, `${act.charAt(0).toUpperCase()}${act.slice(1)} by ${stateName(at.attacker)} on ${stateName(at.victim)}`),
    h("p", { class: "sub" }, [at.target, where ? `at ${where}` : null, at.date].filter(Boolean).join(" · ")),
    h("div", { class: `verdict v-${applies.includes("nato/art5") ? "nato" : applies.length ? "alliance" : "none"}` },
      h("strong", {}, applies.length ? `${applies.length} clause${applies.length > 1 ? "s" : ""} apply` : "No clause applies"),
      applies.length ? h("p", { class: "under" }, joined(applies.map(clauseLabel))) : null,
      (summary.ambiguous || []).length ? h("p", { class: "under" }, "Ambiguous: ", joined(summary.ambiguous.map(clauseLabel)), ".") : null,
      art5Line(a.findings),
      h("p", { class: "under" }, bound.length ? `${bound.length} states bound:` : "No state is bound."),
      bound.length ? codeChips(bound, "States bound", stateNotes(a.findings)) : null),
  ];
  if (a.place) parts.push(placeFacts(a.place, featureName));
  if (a.cascade) parts.push(cascadeView(a.cascade));
  parts.push(...findingGroups(a.findings || []));
  return parts.filter(Boolean);
}

export function cascadeView(c) {
  const rounds = (c.rounds || []).filter((r) => r.drawn_in && r.drawn_in.length);
  const edges = ((c.graph && c.graph.edges) || []).slice().sort((x, y) => x.round - y.round);
  const box = h("section", { class: "cascade", "aria-label": "Cascade" }, h("h3", { class: "group" }, "Cascade"));
  if (!rounds.length && !edges.length) {
    box.appendChild(h("p", {}, "No further state is drawn in."));
  } else {
    box.appendChild(h("ol", {}, ...rounds.map((r) => h("li", {}, `Round ${r.round}: ${r.drawn_in.length} drawn in`,
      codeChips(r.drawn_in, `Drawn in at round ${r.round}`)))));
    if (edges.length) {
      box.appendChild(h("details", { class: "more" }, h("summary", {}, `Every link (${edges.length})`),
        h("table", {},
          h("thead", {}, h("tr", {}, h("th", {}, "Bound"), h("th", {}, "to assist"), h("th", {}, "under"),
            h("th", {}, "status"), h("th", {}, "round"))),
          h("tbody", {}, ...edges.map((e) => h("tr", {}, h("td", {}, stateLabel(e.from)), h("td", {}, stateLabel(e.to)),
            h("td", {}, clauseLabel(e.clause)), h("td", {}, STATUS_WORDS[e.status] || e.status), h("td", {}, String(e.round))))))));
    }
  }
  if (c.conflicts && c.conflicts.length) {
    box.appendChild(h("p", {}, h("strong", {}, "Bound on both sides: "), list(c.conflicts)));
  }
  if (c.assumption) box.appendChild(h("p", { class: "fine" }, c.assumption));
  return box;
}
