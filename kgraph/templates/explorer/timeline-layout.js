/* kgraph explorer, part "timelineLayout": where the timeline's pieces go, in CSS pixels, before they are drawn.
   The plot sits right of a gutter of lane titles (or under each lane's title, on narrow screens). Within a
   lane, items that would overlap are stacked in rows, first fit, and a label (the short one, "appeal ·
   12 Jul 2023") is given only where its row leaves it room: inside a wide bar, after the item or before it, so
   no two labels overlap. Items beyond either edge of the view are counted instead. Text widths are measured
   once each, in the timeline's font. */
(globalThis.kgraphParts ??= {}).timelineLayout = (box) => {
  "use strict";

  /* Sizes in CSS pixels. */
  const ROW = 20; /* one row of items */
  const HALF = 5; /* half the height of a mark */
  const LANE_PAD = 3;
  const LANE_HEAD = 18; /* a lane's title above its rows, on narrow screens */
  const GAP = 6; /* between two items in a row */
  const FONT_PX = 12;
  const NARROW = 560; /* below this width, lane titles go above their rows */

  /* ---------- text widths, measured once each ---------- */
  const ctx = document.createElement("canvas").getContext("2d");
  const widths = new Map();
  let font = "";
  const measure = (text) => {
    if (!font) {
      font = `${FONT_PX}px ${getComputedStyle(box).fontFamily || "sans-serif"}`;
      ctx.font = font;
    }
    let w = widths.get(text);
    if (w === undefined) {
      w = Math.ceil(ctx.measureText(text).width) + 1;
      widths.set(text, w);
    }
    return w;
  };
  /* The text cut with "…" to fit `room` pixels. */
  const fitted = (text, room) => {
    if (measure(text) <= room) return text;
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (measure(`${text.slice(0, mid)}…`) <= room) lo = mid;
      else hi = mid - 1;
    }
    return lo ? `${text.slice(0, lo)}…` : "";
  };

  /* ---------- the plot ---------- */
  /* Where a drawing `width` pixels wide puts its plot, for these lanes and the view's days: the plot's left and
     right ends, the pixel of a day (x) and the day at a pixel (dayAt). */
  const geometry = (width, lanes, { lo, hi }) => {
    const narrow = width < NARROW;
    const gutter = narrow ? 0 : Math.min(200, Math.max(90, ...lanes.map((l) => measure(l.name) + 30)));
    const left = narrow ? 6 : gutter;
    const right = width - 8;
    const plot = right - left;
    const k = plot / (hi - lo);
    const x = (d) => left + (d - lo) * k;
    const clamp = (px) => Math.max(left - 3, Math.min(right + 3, px));
    const dayAt = (px) => lo + ((px - left) / (right - left)) * (hi - lo);
    return { width, narrow, gutter, left, right, plot, lo, hi, k, x, clamp, dayAt };
  };

  /* ---------- an item's marks ---------- */
  /* Where an item's marks go, in pixels (`x` the pixel of a day; openL and openR where open ends reach): its
     main mark (cx0 to cx1: the certain part, solid, or else the whole of the days it may be), whether that is a
     dot (`point`, a day or too narrow for a bar), the hatched spans (the days it may be that are not certain),
     and, for a date with no certain part, the span its face value gives (`stated`) when that is narrower than
     the hatching. */
  const marks = (it, x, openL, openR) => {
    const h0 = it.us !== null ? x(it.us) : openL;
    const h1 = it.ue !== null ? x(it.ue + 1) : openR;
    if (it.certain) {
      const { ks, ke } = it.certain;
      let cx0 = ks !== null ? x(ks) : openL;
      let cx1 = ke !== null ? x(ke + 1) : openR;
      const hatch = [];
      if (h0 < cx0) hatch.push([h0, cx0]);
      if (h1 > cx1) hatch.push([cx1, h1]);
      /* A day, or a certain part too narrow for a bar, is a dot; a narrow certain part between hatching, a thin bar. */
      const point = ks !== null && ke !== null && (ks === ke || cx1 - cx0 < 8) && !hatch.length;
      const mid = (cx0 + cx1) / 2;
      if (point) [cx0, cx1] = [mid - HALF, mid + HALF];
      else if (cx1 - cx0 < 3) [cx0, cx1] = [mid - 1.5, mid + 1.5];
      return { cx0, cx1, point, hatch, stated: null };
    }
    const f0 = it.cs !== null ? x(it.cs) : openL;
    const f1 = it.ce !== null ? x(it.ce + 1) : openR;
    const stated = f0 - h0 > 1 || h1 - f1 > 1 ? { x0: f0, x1: f1, dot: f1 - f0 < 8 } : null;
    if (h1 - h0 < 8) {
      const mid = (h0 + h1) / 2;
      return { cx0: mid - HALF, cx1: mid + HALF, point: true, hatch: [], stated: null };
    }
    return { cx0: h0, cx1: h1, point: false, hatch: [[h0, h1]], stated };
  };

  /* ---------- rows and labels ---------- */
  /* Lay out every lane: items in view get a row each lane, first fit, with their label where it fits. An open
     end reaches the time window's end, or just past the plot when the window is open. */
  const place = (lanes, geom, win) => {
    const { narrow, left, right, x, clamp } = geom;
    const before = new Map();
    const after = new Map();
    const laid = [];
    let y = 0;
    for (const lane of lanes) {
      const top = y;
      const rowsTop = top + (narrow ? LANE_HEAD : 0) + LANE_PAD;
      const rows = [];
      let minEnd = Infinity;
      const placed = [];
      for (const it of lane.items) {
        const openL = win.start !== null && it.ce !== null && win.start <= it.ce ? x(win.start) : left - 3;
        const openR = win.end !== null && it.cs !== null && win.end >= it.cs ? x(win.end + 1) : right + 3;
        const { cx0, cx1, point, hatch, stated } = marks(it, x, openL, openR);
        const states = it.states.map((s) => {
          let s0 = x(s.s0);
          let s1 = x(s.s1 + 1);
          const dot = s1 - s0 < 8;
          if (dot) [s0, s1] = [(s0 + s1) / 2 - 4, (s0 + s1) / 2 + 4];
          return { ...s, x0: s0, x1: s1, dot };
        });
        const ex0 = Math.min(cx0, ...hatch.map((h) => h[0]), ...states.map((s) => s.x0));
        const ex1 = Math.max(cx1, ...hatch.map((h) => h[1]), ...states.map((s) => s.x1));
        if (ex1 <= left || ex0 >= right) {
          (ex1 <= left ? before : after).set(it.n.id, it);
          continue;
        }
        const a = clamp(ex0);
        const b = clamp(ex1);
        /* Where the label may go: inside a wide bar, after the item, or before it. */
        const w = measure(it.n.short);
        const inside = !point && !stated && Math.min(cx1, right) - Math.max(cx0, left) >= w + 10;
        const choices = [];
        if (inside) choices.push({ lx: Math.max(cx0, left) + 5, from: a, to: b, inside: true });
        if (b + 4 + w <= right) choices.push({ lx: b + 4, from: a, to: b + 4 + w });
        if (a - 4 - w >= left) choices.push({ lx: a - 4 - w, from: a - 4 - w, to: b });
        /* First fit, with a label if any row has room for one, else without; else a new row. Rows that all
           end too far right (many open ends) are skipped at once. */
        let row = -1;
        let label = null;
        if (minEnd + GAP <= Math.min(a, ...choices.map((c) => c.from))) {
          for (let r = 0; r < rows.length && row < 0; r++) {
            for (const c of choices) {
              if (rows[r] + GAP <= c.from) {
                [row, label] = [r, c];
                break;
              }
            }
          }
          if (row < 0) row = rows.findIndex((end) => end + GAP <= a);
        }
        if (row < 0) {
          row = rows.length;
          label = choices[0] || null;
        }
        const was = rows[row];
        rows[row] = Math.max(was ?? -Infinity, label ? label.to : b);
        if (was === undefined) minEnd = Math.min(minEnd, rows[row]);
        else if (was === minEnd) minEnd = Math.min(...rows);
        const clamped = hatch.map(([h0, h1]) => [clamp(h0), clamp(h1)]).filter(([h0, h1]) => h1 > h0);
        placed.push({ it, row, cx0: clamp(cx0), cx1: clamp(cx1), point, hatch: clamped, stated, states, label, w });
      }
      y = rowsTop + Math.max(1, rows.length) * ROW + LANE_PAD;
      laid.push({ lane, top, rowsTop, bottom: y, placed });
    }
    return { laid, height: y + 1, before, after };
  };

  return { ROW, HALF, LANE_HEAD, measure, fitted, geometry, place };
};
