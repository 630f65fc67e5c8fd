/* kgraph explorer, part "timelineScale": the timeline's time axis. The axis is linear and shows a span of days
   (the view) that the reader zooms and pans. It opens on the bulk of the events (and "Main" goes back there):
   a stretch with no event that takes more than a share of the whole span splits the events in two, and the side
   with fewer events is left out when it holds at most another share of them (data.bulk gives both), so that two events decades earlier do not
   squeeze the rest into a sliver, while an article's worth of events two years earlier stays in view.
   "Fit" shows every dated event. The view never strays far from the data. Ticks follow the zoom (years, months or days), and the axis is drawn with them, the time
   window shaded on it. */
(globalThis.kgraphParts ??= {}).timelineScale = (app, options) => {
  "use strict";

  const { spans, extent, measure, schedule } = options; /* extent: a large graph's, from its data */
  const { svg } = app.util;
  const AXIS_H = 38;
  const { break: BREAK, minor: MINOR } = app.data.bulk; /* kgraph/export/timeline_bulk.py */
  const MIN_SPAN = 7; /* days */
  const AXIS_HINT = "Drag across the dates to set the time window; double-click to clear it";

  /* ---------- the view: the span of days the axis shows ---------- */
  const all = extent
    ? { lo: extent.lo, hi: extent.hi }
    : spans.length
      ? { lo: Math.min(...spans.map((b) => b.lo)), hi: Math.max(...spans.map((b) => b.hi)) }
      : { lo: 0, hi: 1 };
  /* The bulk of a list of spans: leave out the smaller side of any empty stretch longer than BREAK of the whole,
     when it holds at most MINOR of the spans. */
  const bulk = (list) => {
    const clusters = [];
    for (const b of [...list].sort((p, q) => p.lo - q.lo)) {
      const last = clusters[clusters.length - 1];
      if (last && b.lo <= last.hi) {
        last.hi = Math.max(last.hi, b.hi);
        last.count += 1;
      } else clusters.push({ lo: b.lo, hi: b.hi, count: 1 });
    }
    let from = 0;
    let to = clusters.length - 1;
    while (to > from) {
      let at = -1;
      let gap = 0;
      for (let i = from; i < to; i++) {
        if (clusters[i + 1].lo - clusters[i].hi > gap) {
          gap = clusters[i + 1].lo - clusters[i].hi;
          at = i;
        }
      }
      if (gap <= (clusters[to].hi - clusters[from].lo) * BREAK) break;
      let before = 0;
      for (let i = from; i <= at; i++) before += clusters[i].count;
      let after = 0;
      for (let i = at + 1; i <= to; i++) after += clusters[i].count;
      if (Math.min(before, after) > (before + after) * MINOR) break;
      if (before > after) to = at;
      else from = at + 1;
    }
    return clusters.length ? { lo: clusters[from].lo, hi: clusters[to].hi } : { ...all };
  };
  /* A span with a margin each side, and never under MIN_SPAN days. */
  const padded = ({ lo, hi }) => {
    const pad = Math.max((hi - lo) * 0.05, 1);
    let out = { lo: lo - pad, hi: hi + pad };
    if (out.hi - out.lo < 2 * MIN_SPAN) {
      const mid = (lo + hi) / 2;
      out = { lo: mid - MIN_SPAN, hi: mid + MIN_SPAN };
    }
    return out;
  };
  const maxSpan = Math.max((all.hi - all.lo) * 2, 3650);
  const main = extent ? { lo: extent.main[0], hi: extent.main[1] } : bulk(spans);
  /* How many spans the bulk leaves out. */
  const outliers = extent ? extent.outliers : spans.filter((b) => b.hi <= main.lo || b.lo >= main.hi).length;
  let view = padded(main);
  /* Keep the view within reach of the data: never wider than maxSpan, never far past either end. */
  const clampView = (lo, hi) => {
    let span = Math.min(Math.max(hi - lo, MIN_SPAN), maxSpan);
    const mid = (lo + hi) / 2;
    span = Math.max(span, MIN_SPAN);
    let from = mid - span / 2;
    from = Math.max(from, all.lo - span * 0.9);
    from = Math.min(from, all.hi - span * 0.1);
    return { lo: from, hi: from + span };
  };
  /* Show the days from lo to hi (as near as the data allows), redrawn on the next frame. */
  const set = (lo, hi) => {
    view = clampView(lo, hi);
    schedule();
  };
  const zoom = (factor, atDay = (view.lo + view.hi) / 2) => {
    const lo = atDay - (atDay - view.lo) * factor;
    const hi = atDay + (view.hi - atDay) * factor;
    set(lo, hi);
  };
  const pan = (days) => set(view.lo + days, view.hi + days);
  /* Show every dated event ("Fit"), or the bulk of them, as the timeline opens. */
  const fit = () => {
    view = padded(all);
    schedule();
  };
  const home = () => {
    view = padded(main);
    schedule();
  };
  /* Pan (and zoom) to the bulk of some spans, such as the events beyond an edge. */
  const show = (list) => {
    if (!list.length) return;
    const near = padded(bulk(list));
    set(near.lo, near.hi);
  };
  /* Bring an item into sight: the view pans to it when it lies outside, and widens when it is too long. */
  const follow = (it) => {
    if (!it || it.lo === null) return;
    if (it.hi + 1 >= view.lo && it.lo <= view.hi) return;
    const span = view.hi - view.lo;
    if (it.hi + 1 - it.lo > span * 0.8) {
      const wide = padded({ lo: it.lo, hi: it.hi + 1 });
      view = clampView(wide.lo, wide.hi);
    } else view = clampView((it.lo + it.hi + 1) / 2 - span / 2, (it.lo + it.hi + 1) / 2 + span / 2);
  };

  /* ---------- ticks that follow the zoom: years, months or days ---------- */
  const { MONTHS } = app.util;
  const STEPS = [
    ["day", 1],
    ["day", 2],
    ["day", 7],
    ["day", 14],
    ["month", 1],
    ["month", 3],
    ["month", 6],
    ...[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].map((n) => ["year", n]),
  ];
  const APPROX = { day: 1, month: 30.44, year: 365.25 };
  const DAY_MS = app.util.DAY;
  const date = (d) => new Date(d * DAY_MS);
  const dayOf = (y, m, d) => {
    const t = new Date(0);
    t.setUTCFullYear(y, m, d); /* not Date.UTC, which reads the years 0 to 99 as 1900 to 1999 */
    return Math.round(t.getTime() / DAY_MS);
  };
  const ticks = (lo, hi, pxPerDay) => {
    const spacing = { day: measure("28") + 12, month: measure("May") + 12, year: measure("2000") + 14 };
    const [unit, step] = STEPS.find(([u, n]) => APPROX[u] * n * pxPerDay >= spacing[u]) || STEPS[STEPS.length - 1];
    const minor = [];
    const major = [];
    const first = date(Math.floor(lo));
    if (unit === "day") {
      for (let d = Math.floor(lo); d <= hi; d++) {
        const t = date(d);
        const dom = t.getUTCDate();
        const monthDays = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
        if ((dom - 1) % step === 0 && (step === 1 || monthDays - dom + 1 >= step * 0.75)) minor.push([d, String(dom)]);
        if (dom === 1) major.push([d, `${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()}`]);
      }
      major.context = `${MONTHS[first.getUTCMonth()]} ${first.getUTCFullYear()}`;
    } else if (unit === "month") {
      let y = first.getUTCFullYear();
      let m = first.getUTCMonth();
      for (let d = dayOf(y, m, 1); d <= hi; m += 1, d = dayOf(y, m, 1)) {
        const t = date(d);
        if (t.getUTCMonth() % step === 0) minor.push([d, MONTHS[t.getUTCMonth()]]);
        if (t.getUTCMonth() === 0) major.push([d, String(t.getUTCFullYear())]);
      }
      y = first.getUTCFullYear();
      major.context = String(y);
    } else {
      const start = Math.floor(first.getUTCFullYear() / step) * step;
      for (let y = start; dayOf(y, 0, 1) <= hi; y += step) minor.push([dayOf(y, 0, 1), String(y)]);
      major.context = "";
    }
    return { unit, step, minor, major };
  };

  /* ---------- snapping to the ticks' unit ---------- */
  /* The unit a brush snaps to at these ticks: a day, a month, a year, a decade or a century. */
  const grain = ({ unit, step }) => (unit !== "year" ? [unit, 1] : ["year", step < 10 ? 1 : step < 100 ? 10 : 100]);
  /* The first day of the unit that holds day d, and the first day of the n-th unit after it. */
  const unitStart = (d, [unit, n], after = 0) => {
    const t = date(Math.floor(d));
    if (unit === "day") return Math.floor(d) + after;
    if (unit === "month") return dayOf(t.getUTCFullYear(), t.getUTCMonth() + after, 1);
    return dayOf(Math.floor(t.getUTCFullYear() / n) * n + after * n, 0, 1);
  };
  /* The first and last days (inclusive) of the whole units nearest to the days lo to hi (fractional), at least
     one unit. */
  const snap = (lo, hi, shown) => {
    const g = grain(shown);
    const nearest = (d) => {
      const a = unitStart(d, g);
      const b = unitStart(d, g, 1);
      return d - a <= b - d ? a : b;
    };
    let start = nearest(lo);
    let end = nearest(hi);
    if (end <= start) [start, end] = [unitStart(lo, g), unitStart(hi, g, 1)];
    return [start, end - 1];
  };

  /* ---------- the axis drawn ---------- */
  /* Where the time window lies on the plot of a drawing (`geom`, from the timeline's layout), or null. */
  const windowSpan = ({ left, right, x }, win) => {
    if (win.start === null && win.end === null) return null;
    const w0 = Math.max(left, win.start === null ? left : x(win.start));
    const w1 = Math.min(right, win.end === null ? right : x(win.end + 1));
    return w1 > w0 ? { x0: w0, x1: w1 } : null;
  };
  /* The axis of a drawing: its ticks and their labels, the time window shaded, and the (hidden) brush that
     dragging across it shows. */
  const axis = (geom, { unit, minor, major }, win) => {
    const { width, left, right, plot, x } = geom;
    const root = svg("svg", { width, height: AXIS_H, class: "tl-axis-svg", "data-unit": unit, role: "img" });
    root.setAttribute("aria-label", AXIS_HINT);
    root.appendChild(svg("title", { text: AXIS_HINT }));
    root.appendChild(svg("rect", { x: left, y: 0, width: plot, height: AXIS_H, class: "axis-bg" }));
    const shaded = windowSpan(geom, win);
    if (shaded) {
      root.appendChild(
        svg("rect", { x: shaded.x0, y: 0, width: shaded.x1 - shaded.x0, height: AXIS_H, class: "window" }),
      );
    }
    root.appendChild(svg("line", { x1: left, x2: right, y1: AXIS_H - 0.5, y2: AXIS_H - 0.5, class: "axis-line" }));
    let lastEnd = -Infinity;
    for (const [d, text] of minor) {
      const px = x(d);
      if (px < left || px > right) continue;
      root.appendChild(svg("line", { x1: px, x2: px, y1: AXIS_H - 8, y2: AXIS_H, class: "tick-line" }));
      const w = measure(text);
      if (px + 3 + w <= right && px + 3 >= lastEnd + 4) {
        root.appendChild(svg("text", { x: px + 3, y: AXIS_H - 10, class: "tick", text }));
        lastEnd = px + 3 + w;
      }
    }
    const majors = major.filter(([d]) => x(d) >= left && x(d) <= right);
    if (major.context) {
      const w = measure(major.context);
      const next = majors.length ? x(majors[0][0]) : Infinity;
      if (left + 3 + w + 8 <= next) majors.unshift([null, major.context]);
    }
    lastEnd = -Infinity;
    for (const [d, text] of majors) {
      const px = d === null ? left : x(d);
      if (d !== null) root.appendChild(svg("line", { x1: px, x2: px, y1: 0, y2: AXIS_H, class: "major-line" }));
      const w = measure(text);
      if (px + 3 + w <= right && px + 3 >= lastEnd + 6) {
        root.appendChild(svg("text", { x: px + 3, y: 13, class: "tick major", text }));
        lastEnd = px + 3 + w;
      }
    }
    const brush = svg("rect", { x: 0, y: 0, width: 0, height: AXIS_H, class: "brush", visibility: "hidden" });
    root.appendChild(brush);
    return { svg: root, brush };
  };

  return {
    get view() {
      return view;
    },
    set,
    zoom,
    pan,
    fit,
    home,
    outliers,
    extent: { lo: all.lo, hi: all.hi, main: [main.lo, main.hi], outliers } /* as timeline_bulk.py gives it */,
    show,
    follow,
    ticks,
    snap,
    windowSpan,
    axis,
  };
};
