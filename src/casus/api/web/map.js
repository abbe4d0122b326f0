// The world map: our own territory outlines drawn as SVG in an equirectangular projection
// (x = longitude, y = -latitude, in degrees), with pan and zoom by mouse, touch and keyboard.
// The drawing is wrapped across the antimeridian by two <use> copies shown only when needed,
// so that a view of the Pacific is whole.

const SVGNS = "http://www.w3.org/2000/svg";
const WORLD = { x: -180, y: -84, w: 360, h: 146 };  // 84°N to 62°S: most land, little Antarctica
const MIN_SCALE = 0.0025;  // degrees per pixel at the closest zoom (about 280 m)
const DOT_DEG = 1.2;       // territories smaller than this (in degrees) also get a dot, so they can be seen
const COVER_WORDS = {
  nato: "covered by NATO Article 5",
  alliance: "covered only by another treaty",
  ambiguous: "coverage ambiguous",
  none: "covered by no treaty",
};

const SHADE_WORDS = {
  "reach-covered": "within range, covered by a defence clause",
  "reach-ambiguous": "within range, cover ambiguous",
  "reach-uncovered": "within range, no defence clause applies",
  "reach-reached": "within range",
  "reach-origin": "launch state",
};

function el(name, attrs = {}) {
  const node = document.createElementNS(SVGNS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

const fmt = (v) => String(Math.round(v * 100) / 100);

function polygons(geom) {
  if (!geom) return [];
  if (geom.type === "Polygon") return [geom.coordinates];
  if (geom.type === "MultiPolygon") return geom.coordinates;
  if (geom.type === "GeometryCollection") return geom.geometries.flatMap(polygons);
  return [];
}

export function pathData(geom) {
  let d = "";
  for (const poly of polygons(geom)) {
    for (const ring of poly) {
      if (ring.length < 3) continue;
      d += "M" + ring.map(([x, y]) => `${x} ${-y}`).join(" ") + "Z";
    }
  }
  return d;
}

// A line of lon/lat points (a ring's edge) as a path: longitudes unwrapped so that the line never
// jumps across the map; shifted by whole turns to draw its copies.
export function lineData(coords, offset = 0) {
  if (!coords || coords.length < 2) return "";
  const pts = [];
  let prev = null;
  let shift = 0;
  for (const [lon, lat] of coords) {
    if (prev !== null) {
      const step = lon - prev;
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
    }
    prev = lon;
    pts.push(`${fmt(lon + shift + offset)} ${fmt(-lat)}`);
  }
  return "M" + pts.join(" ");
}

export class WorldMap {
  constructor(root, svg, { onPick } = {}) {
    this.root = root;
    this.svg = svg;
    this.onPick = onPick || (() => {});
    this.features = new Map();  // id -> properties
    this.shapes = new Map();    // id -> [elements]
    this.coverage = {};
    this.selected = null;
    this.marks = new Map();  // territory id -> class of the answer ("bound", "round-1", ...)
    this.pick = null;
    this.sitePoints = [];
    this.wrapGroup();
    this.drawGraticule();
    this.center = { x: 10, y: -20 };
    this.scale = null;  // degrees per pixel; set on first layout
    this.bind();
    new ResizeObserver(() => this.apply()).observe(root);
  }

  // ------------------------------------------------------------------ drawing
  wrapGroup() {
    const world = el("g", { id: "world" });
    for (const id of ["graticule", "lands", "dots", "shade", "rings", "sites", "marker"]) {
      world.appendChild(this.svg.querySelector(`#${id}`));
    }
    this.svg.appendChild(world);
    // classes that restyle the whole drawing ("marked", "reaching") go on this group, not on the <svg>:
    // the antimeridian copies are clones of this group, and a selector that needs an ancestor outside it
    // would not match inside them
    this.world = world;
    this.copies = [-360, 360].map((dx) => {
      const use = el("use", { href: "#world", x: String(dx), y: "0" });
      use.setAttribute("display", "none");
      this.svg.appendChild(use);
      return { dx, use };
    });
    this.g = {};
    for (const id of ["graticule", "lands", "dots", "shade", "rings", "sites", "marker"]) {
      this.g[id] = this.svg.querySelector(`#${id}`);
    }
    this.clip = this.svg.querySelector("#reach-clip");
  }

  drawGraticule() {
    let d = "";
    for (let lon = -180; lon <= 180; lon += 30) d += `M${lon} -90V90`;
    for (let lat = -60; lat <= 60; lat += 30) d += `M-180 ${-lat}H180`;
    this.g.graticule.appendChild(el("path", { d }));
  }

  setOutlines(fc) {
    const lands = document.createDocumentFragment();
    const dots = document.createDocumentFragment();
    for (const f of fc.features) {
      const p = f.properties;
      this.features.set(p.id, p);
      const shapes = [];
      const d = pathData(f.geometry);
      if (d) {
        const path = el("path", { d, "data-tid": p.id });
        if (p.parent) path.classList.add("part");
        const title = el("title");
        title.textContent = p.name;
        path.appendChild(title);
        lands.appendChild(path);
        shapes.push(path);
      }
      const [x0, y0, x1, y1] = p.bbox;
      if (Math.max(x1 - x0, y1 - y0) < DOT_DEG) {
        const dot = el("circle", { cx: p.point[0], cy: -p.point[1], r: 0.5, "data-tid": p.id, "data-dot": "1" });
        const title = el("title");
        title.textContent = p.name;
        dot.appendChild(title);
        dots.appendChild(dot);
        shapes.push(dot);
      }
      this.shapes.set(p.id, shapes);
    }
    this.g.lands.replaceChildren(lands);
    this.g.dots.replaceChildren(dots);
    this.paint();
    this.apply();
  }

  setCoverage(territories) {
    this.coverage = territories || {};
    this.paint();
  }

  paint() {
    for (const [id, shapes] of this.shapes) {
      const cov = this.coverage[id];
      const cls = cov ? `c-${cov.class}` : "";
      const name = this.features.get(id)?.name || id;
      const title = cov ? `${name}: ${COVER_WORDS[cov.class] || cov.class}` +
        (cov.applies && cov.applies.length ? ` (${cov.applies.join(", ")})` : "") +
        (cov.ambiguous && cov.ambiguous.length ? `; ambiguous: ${cov.ambiguous.join(", ")}` : "") : name;
      const mark = this.marks.get(id);
      for (const s of shapes) {
        s.setAttribute("class", [cls, this.features.get(id)?.parent && !s.dataset.dot ? "part" : "",
          mark || "", id === this.selected ? "selected" : ""].filter(Boolean).join(" "));
        if (s.firstChild) s.firstChild.textContent = title;
      }
    }
  }

  // The answer drawn on the map: marks is {state code or territory id: class}. A state is drawn on
  // its home territory (the outline whose id is its code in lower case).
  setMarks(marks) {
    this.marks = new Map();
    for (const [code, cls] of Object.entries(marks || {})) {
      const id = String(code).toLowerCase();
      if (this.features.has(id)) this.marks.set(id, cls);
    }
    this.world.classList.toggle("marked", this.marks.size > 0);
    this.paint();
  }

  // Reach shaded by cover: the land of each reachable territory, cut to the area within range (areas:
  // GeoJSON geometries in lon/lat), in the class of its cover (classes: {territory id: class}). Small
  // islands get their dot in that class. Everything else steps back to grey while the shading is shown.
  setShade(areas, classes) {
    const clip = document.createDocumentFragment();
    for (const geom of areas || []) {
      const d = pathData(geom);
      if (d) clip.appendChild(el("path", { d, "clip-rule": "evenodd" }));
    }
    this.clip.replaceChildren(clip);
    const frag = document.createDocumentFragment();
    const shaded = Object.keys(classes || {}).length > 0;
    if (shaded) {
      for (const [id, shapes] of this.shapes) {  // in drawing order: parts over their parents
        const cls = classes[id];
        if (!cls) continue;
        const name = this.features.get(id)?.name || id;
        for (const s of shapes) {
          const copy = s.dataset.dot
            ? el("circle", { cx: s.getAttribute("cx"), cy: s.getAttribute("cy"), r: s.getAttribute("r") })
            : el("path", { d: s.getAttribute("d"), "clip-path": "url(#reach-clip)" });
          copy.setAttribute("class", cls);
          copy.dataset.tid = id;
          if (s.dataset.dot) copy.dataset.dot = "1";
          const t = el("title");
          t.textContent = `${name}: ${SHADE_WORDS[cls] || cls}`;
          copy.appendChild(t);
          frag.appendChild(copy);
        }
      }
    }
    this.g.shade.replaceChildren(frag);
    this.world.classList.toggle("reaching", shaded);
    this.resize();
  }

  shadedIds(cls) {
    return [...new Set([...this.g.shade.children].filter((c) => !cls || c.classList.contains(cls))
      .map((c) => c.dataset.tid))];
  }

  markedIds(cls) {
    return [...this.marks].filter(([, c]) => !cls || c === cls).map(([id]) => id);
  }

  classOf(id) {
    return this.coverage[id] ? this.coverage[id].class : null;
  }

  select(id) {
    this.selected = id;
    this.paint();
    // draw the selection on top of its neighbours
    for (const s of this.shapes.get(id) || []) s.parentNode.appendChild(s);
  }

  setMarker(lon, lat, label) {
    this.pick = lon === null ? null : { lon, lat };
    this.g.marker.replaceChildren();
    if (this.pick) this.g.marker.appendChild(el("circle", { cx: lon, cy: -lat, r: 1 }));
    if (this.pick && label) {
      const t = el("text", { x: lon, y: -lat, class: "label", "data-label": "1" });
      t.textContent = label;
      this.g.marker.appendChild(t);
    }
    this.resize();
  }

  // features: GeoJSON of the reach rings (role "area" polygons, role "edge" lines); sites: [{lon, lat, name}]
  setRings(features, sites = []) {
    const frag = document.createDocumentFragment();
    for (const f of features) {
      const p = f.properties || {};
      const label = `${p.estimate || ""} estimate: ${Math.round(p.km || 0).toLocaleString("en")} km`;
      const paths = [];
      if (p.role === "area") {
        const d = pathData(f.geometry);
        if (d) paths.push(el("path", { d, class: `area ${p.estimate}${p.sketch ? " sketch" : ""}` }));
      } else if (p.role === "edge" && f.geometry && f.geometry.type === "LineString") {
        for (const offset of [-360, 0, 360]) {
          const d = lineData(f.geometry.coordinates, offset);
          if (d) paths.push(el("path", { d, class: `edge ${p.estimate}` }));
        }
      }
      for (const path of paths) {
        const t = el("title");
        t.textContent = label;
        path.appendChild(t);
        frag.appendChild(path);
      }
    }
    this.g.rings.replaceChildren(frag);
    this.sitePoints = sites;
    this.g.sites.replaceChildren(...sites.map((s) => {
      const c = el("circle", { cx: s.lon, cy: -s.lat, r: 1 });
      const t = el("title");
      t.textContent = s.name || "";
      c.appendChild(t);
      return c;
    }));
    this.resize();
  }

  // ------------------------------------------------------------------ view
  fitScale() {
    const w = this.root.clientWidth || 800;
    const h = this.root.clientHeight || 400;
    return Math.max(WORLD.w / w, WORLD.h / h);
  }

  apply() {
    const w = this.root.clientWidth || 800;
    const h = this.root.clientHeight || 400;
    const fit = this.fitScale();
    if (this.scale === null) {
      this.scale = fit;
      this.center = { x: WORLD.x + WORLD.w / 2, y: WORLD.y + WORLD.h / 2 };
    }
    this.scale = Math.min(Math.max(this.scale, MIN_SCALE), fit * 1.05);
    // keep the centre on the map: longitude wraps, latitude stops at the poles
    this.center.x = ((this.center.x + 180) % 360 + 360) % 360 - 180;
    const halfH = (h * this.scale) / 2;
    this.center.y = Math.min(Math.max(this.center.y, -90 + halfH), 90 - halfH);
    if (halfH * 2 >= 180) this.center.y = WORLD.y + WORLD.h / 2;
    const vw = w * this.scale;
    const vh = h * this.scale;
    const x = this.center.x - vw / 2;
    const y = this.center.y - vh / 2;
    this.svg.setAttribute("viewBox", `${x} ${y} ${vw} ${vh}`);
    for (const { dx, use } of this.copies) {
      const visible = dx < 0 ? x < -180 : x + vw > 180;
      use.setAttribute("display", visible ? "inline" : "none");
    }
    this.resize();
    if (this.onView) this.onView(this.viewString());
  }

  // dots, marker and sites keep a constant size on screen
  resize() {
    const s = this.scale || 1;
    for (const c of this.g.dots.children) c.setAttribute("r", String(3.2 * s));
    for (const c of this.g.shade.querySelectorAll("circle")) c.setAttribute("r", String(3.2 * s));
    for (const c of this.g.marker.children) {
      if (c.tagName === "text") {
        c.setAttribute("font-size", String(13 * s));
        c.setAttribute("dx", String(9 * s));
        c.setAttribute("dy", String(4 * s));
        c.setAttribute("stroke-width", String(3 * s));
      } else c.setAttribute("r", String(6 * s));
    }
    for (const c of this.g.sites.children) c.setAttribute("r", String(4.5 * s));
  }

  viewString() {
    return `${fmt(this.center.x)},${fmt(-this.center.y)},${Math.round((this.fitScale() / this.scale) * 10) / 10}`;
  }

  setView(text) {
    const [lon, lat, zoom] = String(text || "").split(",").map(Number);
    if (![lon, lat, zoom].every(Number.isFinite) || zoom <= 0) return false;
    this.scale = this.fitScale() / zoom;
    this.center = { x: lon, y: -lat };
    this.apply();
    return true;
  }

  reset() {
    this.scale = null;
    this.apply();
  }

  zoomBy(factor, around) {
    const before = around ? this.toLonLat(around.x, around.y) : null;
    this.scale /= factor;
    this.apply();
    if (before) {
      const after = this.toLonLat(around.x, around.y);
      this.center.x += before.lon - after.lon;
      this.center.y -= before.lat - after.lat;
      this.apply();
    }
  }

  panBy(dxPixels, dyPixels) {
    this.center.x -= dxPixels * this.scale;
    this.center.y -= dyPixels * this.scale;
    this.apply();
  }

  zoomTo(bbox, maxZoom = 40) {
    const [x0, y0, x1, y1] = bbox;
    const w = this.root.clientWidth || 800;
    const h = this.root.clientHeight || 400;
    const fit = this.fitScale();
    const s = Math.max((x1 - x0) / (w * 0.6), (y1 - y0) / (h * 0.6), fit / maxZoom);
    this.scale = s;
    this.center = { x: (x0 + x1) / 2, y: -(y0 + y1) / 2 };
    this.apply();
  }

  centreOn(lon, lat) {
    this.center = { x: lon, y: -lat };
    this.apply();
  }

  // client (page) pixels <-> lon/lat
  toLonLat(clientX, clientY) {
    const pt = new DOMPoint(clientX, clientY).matrixTransform(this.svg.getScreenCTM().inverse());
    const lon = ((pt.x + 180) % 360 + 360) % 360 - 180;
    return { lon, lat: Math.max(-90, Math.min(90, -pt.y)) };
  }

  project(lon, lat) {
    // the copy of lon nearest the view centre
    let x = lon;
    while (x - this.center.x > 180) x -= 360;
    while (this.center.x - x > 180) x += 360;
    const pt = new DOMPoint(x, -lat).matrixTransform(this.svg.getScreenCTM());
    return { x: pt.x, y: pt.y };
  }

  // ------------------------------------------------------------------ input
  bind() {
    const root = this.root;
    const pointers = new Map();
    let drag = null;
    let pinch = null;

    root.addEventListener("pointerdown", (e) => {
      if (e.target.closest("button")) return;
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      root.setPointerCapture(e.pointerId);
      if (pointers.size === 1) drag = { x: e.clientX, y: e.clientY, moved: 0, target: e.target };
      if (pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        pinch = { d: Math.hypot(a.x - b.x, a.y - b.y) };
        drag = null;
      }
    });
    root.addEventListener("pointermove", (e) => {
      if (!pointers.has(e.pointerId)) return;
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pinch && pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        const d = Math.hypot(a.x - b.x, a.y - b.y);
        if (pinch.d > 0) this.zoomBy(d / pinch.d, { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
        pinch.d = d;
        return;
      }
      if (!drag) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      drag.moved += Math.abs(dx) + Math.abs(dy);
      if (drag.moved > 4) {
        this.panBy(dx, dy);
        drag.x = e.clientX;
        drag.y = e.clientY;
        root.classList.add("dragging");
      }
    });
    const end = (e) => {
      if (!pointers.has(e.pointerId)) return;
      pointers.delete(e.pointerId);
      if (pointers.size < 2) pinch = null;
      root.classList.remove("dragging");
      if (drag && drag.moved <= 4 && e.type === "pointerup") {
        const tid = drag.target && drag.target.dataset ? drag.target.dataset.tid : null;
        const isDot = drag.target && drag.target.dataset && drag.target.dataset.dot;
        if (isDot && this.features.has(tid)) {
          const [lon, lat] = this.features.get(tid).point;
          this.onPick({ lon, lat, tid });
        } else {
          const { lon, lat } = this.toLonLat(e.clientX, e.clientY);
          this.onPick({ lon, lat, tid });
        }
      }
      drag = null;
    };
    root.addEventListener("pointerup", end);
    root.addEventListener("pointercancel", end);
    root.addEventListener("wheel", (e) => {
      e.preventDefault();
      const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0016));
      this.zoomBy(factor, { x: e.clientX, y: e.clientY });
    }, { passive: false });
    root.addEventListener("keydown", (e) => {
      if (e.target !== root) return;
      const step = Math.min(root.clientWidth, root.clientHeight) / 6;
      const keys = {
        ArrowLeft: () => this.panBy(step, 0),
        ArrowRight: () => this.panBy(-step, 0),
        ArrowUp: () => this.panBy(0, step),
        ArrowDown: () => this.panBy(0, -step),
        "+": () => this.zoomBy(1.5),
        "=": () => this.zoomBy(1.5),
        "-": () => this.zoomBy(1 / 1.5),
        "0": () => this.reset(),
        Enter: () => this.onPick({ lon: this.center.x, lat: -this.center.y, tid: null }),
        " ": () => this.onPick({ lon: this.center.x, lat: -this.center.y, tid: null }),
      };
      if (keys[e.key]) {
        e.preventDefault();
        keys[e.key]();
      }
    });
  }
}
