// Colour measurements in the page, from computed styles, by the WCAG 2 formulas. An expression:
// it evaluates to an object of functions, so a test calls it as (colours.js).report(7).
//
// report(min) checks every rendered element that has text of its own: the contrast of its colour
// against the background it stands on (semi-transparent layers composed over white, the canvas),
// the underline of links, and the border of buttons and form fields against what is around them.
// focusRing() measures the focus indicator of the focused element.
({
  parse(c) {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  },
  over(top, bottom) {
    const a = top.a;
    return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
  },
  luminance(c) {
    const f = (v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  },
  ratio(x, y) {
    const a = this.luminance(x), b = this.luminance(y);
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  },
  background(e) {
    const layers = [];
    for (let x = e; x; x = x.parentElement) {
      const c = this.parse(getComputedStyle(x).backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a >= 1) break;
      }
    }
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (let i = layers.length - 1; i >= 0; i--) bg = this.over(layers[i], bg);
    return bg;
  },
  describe(e) {
    let d = e.tagName.toLowerCase();
    if (e.id) d += "#" + e.id;
    if (e.classList.length) d += "." + [...e.classList].join(".");
    for (const a of ["data-a11y", "data-size"]) if (e.hasAttribute(a)) d += "[" + a + "=" + e.getAttribute(a) + "]";
    const text = e.textContent.trim().replace(/\s+/g, " ");
    return d + ' "' + (text.length > 30 ? text.slice(0, 30) + "…" : text) + '"';
  },
  css(c) {
    return "rgb(" + [c.r, c.g, c.b].map(Math.round).join(", ") + ")";
  },
  rendered(e) {
    return e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  },
  report(min) {
    const out = { checked: 0, links: 0, low: [], notUnderlined: [], borders: [] };
    for (const e of document.body.querySelectorAll("*")) {
      if (!this.rendered(e)) continue;
      const cs = getComputedStyle(e);
      const bg = this.background(e);
      const ownText = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (ownText) {
        out.checked++;
        const fg = this.over(this.parse(cs.color), bg);
        const r = this.ratio(fg, bg);
        if (r < min) out.low.push(this.describe(e) + ": " + this.css(fg) + " on " + this.css(bg) + " is " + r.toFixed(2) + ":1");
        const link = e.closest("a[href]");
        if (link) {
          out.links++;
          if (!getComputedStyle(link).textDecorationLine.includes("underline")) out.notUnderlined.push(this.describe(link));
        }
      }
      if (e.matches("button, input, select, textarea") && parseFloat(cs.borderTopWidth) > 0 && cs.borderTopStyle !== "none") {
        const border = this.over(this.parse(cs.borderTopColor), this.background(e.parentElement));
        const r = this.ratio(border, this.background(e.parentElement));
        if (r < min) out.borders.push(this.describe(e) + ": border " + this.css(border) + " is " + r.toFixed(2) + ":1 against its surroundings");
      }
    }
    return out;
  },
  focusRing() {
    const e = document.activeElement;
    const cs = getComputedStyle(e);
    const shown = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
    const around = this.background(e.parentElement || e);
    const ring = shown ? this.over(this.parse(cs.outlineColor), around) : around;
    return {
      what: this.describe(e),
      width: shown ? parseFloat(cs.outlineWidth) : 0,
      ratio: this.ratio(ring, around),
    };
  },
})
