// The current view saved as a picture: an SVG made from the map's own drawing (every element's computed
// style written onto it, so that the file stands alone), with a caption below the map (the question, the
// answer, the date, a source line, "casus" and the data credits); the PNG is that SVG drawn on a canvas.
// Nothing is fetched: the page already holds everything drawn.

const SVGNS = "http://www.w3.org/2000/svg";
const XLINK = "http://www.w3.org/1999/xlink";
const STYLE = ["fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity",
  "stroke-linejoin", "opacity", "font-size", "font-weight", "paint-order", "vector-effect", "clip-rule"];
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif';
const PAD = 14;
//: the PNG is drawn at twice the map's size on screen, so that it stays sharp when printed or zoomed
export const PNG_SCALE = 2;

// The map's drawing with each element's computed style written on it (the page's style sheet does not travel
// with the file), sized to the map as it is on screen.
function mapDrawing(svg, width, height) {
  const copy = svg.cloneNode(true);
  const from = [svg, ...svg.querySelectorAll("*")];
  const to = [copy, ...copy.querySelectorAll("*")];
  for (let i = 0; i < from.length; i += 1) {
    const tag = from[i].tagName;
    if (tag === "title" || tag === "defs" || tag === "clipPath" || tag === "svg") continue;
    // as presentation attributes, not a style attribute: the page's CSP refuses inline styles, and every
    // SVG reader understands these
    const cs = getComputedStyle(from[i]);
    for (const p of STYLE) {
      const v = cs.getPropertyValue(p);
      if (v && v !== "normal") to[i].setAttribute(p, v);
    }
    to[i].removeAttribute("class");
    if (tag === "use") to[i].setAttributeNS(XLINK, "xlink:href", from[i].getAttribute("href"));
  }
  copy.removeAttribute("class");
  copy.removeAttribute("focusable");
  copy.setAttribute("width", String(width));
  copy.setAttribute("height", String(height));
  copy.setAttribute("x", "0");
  copy.setAttribute("y", "0");
  copy.setAttribute("overflow", "hidden");
  return copy;
}

// Lines of at most `width` pixels in the given font (measured, so that nothing runs off the picture).
function wrap(text, font, width) {
  const ctx = document.createElement("canvas").getContext("2d");
  ctx.font = font;
  const lines = [];
  for (const para of String(text || "").split("\n")) {
    let line = "";
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (line && ctx.measureText(next).width > width) { lines.push(line); line = word; } else line = next;
    }
    if (line) lines.push(line);
  }
  return lines;
}

function text(x, y, content, { size, weight = "400", fill = "#1d232a" }) {
  const t = document.createElementNS(SVGNS, "text");
  t.setAttribute("x", String(x));
  t.setAttribute("y", String(y));
  t.setAttribute("font-family", FONT);
  t.setAttribute("font-size", String(size));
  t.setAttribute("font-weight", weight);
  t.setAttribute("fill", fill);
  t.textContent = content;
  return t;
}

// caption: {question, answer, on, source, credits}; returns {svg: the markup, width, height}
export function viewSvg(svg, caption) {
  const width = Math.round(svg.clientWidth);
  const height = Math.round(svg.clientHeight);
  const inner = width - 2 * PAD;
  const blocks = [
    { lines: wrap(caption.question, `600 15px ${FONT}`, inner), size: 15, weight: "600", gap: 19 },
    { lines: wrap(caption.answer, `400 13px ${FONT}`, inner), size: 13, gap: 17 },
    { lines: wrap(caption.source, `400 11px ${FONT}`, inner), size: 11, gap: 14, fill: "#444" },
    { lines: wrap(caption.credits, `400 11px ${FONT}`, inner), size: 11, gap: 14, fill: "#444" },
  ];
  const out = document.createElementNS(SVGNS, "svg");
  out.setAttribute("xmlns", SVGNS);
  out.setAttribute("xmlns:xlink", XLINK);
  const captionGroup = document.createElementNS(SVGNS, "g");
  captionGroup.setAttribute("class", "caption");
  let y = height + PAD + 12;
  for (const b of blocks) {
    for (const line of b.lines) {
      captionGroup.appendChild(text(PAD, y, line, { size: b.size, weight: b.weight, fill: b.fill }));
      y += b.gap;
    }
    y += 5;
  }
  // the date and "casus" in the map's top corners, where a crop keeps them with the picture
  const badge = document.createElementNS(SVGNS, "g");
  const box = document.createElementNS(SVGNS, "rect");
  Object.entries({ x: 8, y: 8, width: 150, height: 24, rx: 4, fill: "#ffffff", "fill-opacity": "0.9" })
    .forEach(([k, v]) => box.setAttribute(k, String(v)));
  badge.append(box, text(16, 25, `casus · ${caption.on}`, { size: 13, weight: "600" }));
  const total = Math.ceil(y + PAD - 12);
  out.setAttribute("width", String(width));
  out.setAttribute("height", String(total));
  out.setAttribute("viewBox", `0 0 ${width} ${total}`);
  const bg = document.createElementNS(SVGNS, "rect");
  Object.entries({ width, height: total, fill: "#ffffff" }).forEach(([k, v]) => bg.setAttribute(k, String(v)));
  const title = document.createElementNS(SVGNS, "title");
  title.textContent = `${caption.question} (${caption.on})`;
  out.append(title, bg, mapDrawing(svg, width, height), badge, captionGroup);
  const markup = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(out);
  return { svg: markup, width, height: total };
}

// The same picture as PNG bytes (a Blob), drawn at PNG_SCALE.
export function viewPng(svg, caption) {
  const { svg: markup, width, height } = viewSvg(svg, caption);
  return new Promise((resolve, reject) => {
    const img = new Image();
    const src = URL.createObjectURL(new Blob([markup], { type: "image/svg+xml" }));
    img.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = width * PNG_SCALE;
      canvas.height = height * PNG_SCALE;
      const ctx = canvas.getContext("2d");
      ctx.scale(PNG_SCALE, PNG_SCALE);
      ctx.drawImage(img, 0, 0, width, height);
      URL.revokeObjectURL(src);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the picture could not be encoded"))),
        "image/png");
    };
    img.onerror = () => { URL.revokeObjectURL(src); reject(new Error("the map could not be drawn as a picture")); };
    img.src = src;
  });
}

export function download(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

// "casus-2023-04-05-helsinki": the date and a few words of what is shown, safe on every file system
export function fileName(on, subject) {
  const slug = String(subject || "map").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "map";
  return `casus-${on}-${slug}`;
}
