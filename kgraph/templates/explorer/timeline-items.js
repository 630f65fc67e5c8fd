/* kgraph explorer, part "timelineItems": the timeline's lanes and items drawn as SVG, where the layout put them.
   Each item is a `g.event[data-id]`, coloured by its event type: the certain part of its date solid (`.mark`),
   the days it may be but is not certain of hatched (`.approx`: the approximate or uncertain parts, or the whole
   of a date that is a decade, a year, a month, a season or is qualified, with the span its face value gives
   outlined, `.stated`, when that is narrower), an open end drawn with an arrow, an earlier state of the event as a
   hollow dashed mark joined by a dotted line to the current one. The selection's marks are classes on the
   items and lanes. Annotation text is only ever set as text. */
(globalThis.kgraphParts ??= {}).timelineItems = (app, options) => {
  "use strict";

  const { lanes, layout, scale } = options;
  const { svg } = app.util;
  const { events, typeNames, typeColors, stateText } = lanes;
  const { ROW, HALF, LANE_HEAD, fitted } = layout;

  /* A hatch pattern per event type, for the uncertain parts of its items. */
  const hatches = () => {
    const defs = svg("defs");
    typeNames.forEach((type, i) => {
      const pattern = svg("pattern", {
        id: `kgtl-hatch-${i}`,
        width: 5,
        height: 5,
        patternUnits: "userSpaceOnUse",
        patternTransform: "rotate(45)",
      });
      pattern.appendChild(svg("rect", { width: 5, height: 5, fill: typeColors[type], "fill-opacity": 0.18 }));
      pattern.appendChild(svg("rect", { width: 2, height: 5, fill: typeColors[type], "fill-opacity": 0.75 }));
      defs.appendChild(pattern);
    });
    return defs;
  };

  /* A lane's title (and its type's colour), across the lane's top line; greyed when none of its items is in view. */
  const laneHead = (lane, { top, rowsTop, placed }, { width, narrow, gutter }, current) => {
    const looks = `lane${current ? " current" : ""}${placed.length ? "" : " empty"}`; /* empty: no item in view */
    const head = svg("g", { class: looks, "data-lane": lane.key });
    head.appendChild(svg("line", { x1: 0, x2: width, y1: top + 0.5, y2: top + 0.5, class: "lane-line" }));
    const textX = lane.color ? 22 : 8;
    const labelY = narrow ? top + LANE_HEAD - 4 : rowsTop + ROW / 2 + 4;
    if (lane.color) {
      head.appendChild(svg("circle", { cx: 12, cy: labelY - 4, r: 5, fill: lane.color, class: "swatch" }));
    }
    const room = (narrow ? width : gutter) - textX - 8;
    const text = svg("text", { x: textX, y: labelY, class: "lane-label", text: fitted(lane.name, room) });
    text.appendChild(svg("title", { text: placed.length ? lane.name : `${lane.name}: no event in view` }));
    head.appendChild(text);
    return head;
  };

  /* The marks of one placed item, into its group `g`, on the row whose middle is `yy`. */
  const itemMarks = (g, p, yy, { left, right, clamp }) => {
    const { it } = p;
    /* Earlier states: hollow and dashed, joined to the current mark by a dotted line. */
    for (const s of p.states) {
      const s0 = clamp(s.x0);
      const s1 = clamp(s.x1);
      const [l0, l1] = s.x1 <= p.cx0 ? [s1, p.cx0] : [p.cx1, s0];
      if (l1 > l0) g.appendChild(svg("line", { x1: l0, x2: l1, y1: yy, y2: yy, class: "change" }));
      if (s1 - s0 <= 0 || s1 < left || s0 > right) continue;
      const look = { class: "state" };
      const shape = s.dot
        ? svg("circle", { cx: (s0 + s1) / 2, cy: yy, r: 4, ...look })
        : svg("rect", { x: s0, y: yy - 4, width: s1 - s0, height: 8, rx: 3, ...look });
      shape.appendChild(svg("title", { text: `earlier: ${stateText(s.state)}` }));
      g.appendChild(shape);
    }
    /* The days the event may be but is not certain of, hatched (a dot, when too narrow); the span the date gives,
       outlined, where it is narrower; then the certain part, solid; an open end, an arrow. */
    const hatched = (x0, x1) =>
      svg("rect", {
        x: x0,
        y: yy - HALF,
        width: x1 - x0,
        height: 2 * HALF,
        class: "approx",
        fill: `url(#${it.hatch})`,
      });
    for (const [x0, x1] of p.hatch) g.appendChild(hatched(x0, x1));
    const arrows = (x0, x1, look) => {
      if (x1 - x0 <= 12) return;
      if (it.ce === null)
        g.appendChild(
          svg("path", { d: `M${x1 - 7} ${yy - HALF} L${x1 - 1} ${yy} L${x1 - 7} ${yy + HALF}`, class: look }),
        );
      if (it.cs === null)
        g.appendChild(
          svg("path", { d: `M${x0 + 7} ${yy - HALF} L${x0 + 1} ${yy} L${x0 + 7} ${yy + HALF}`, class: look }),
        );
    };
    if (!it.certain) {
      if (p.point) {
        const dot = { cx: (p.cx0 + p.cx1) / 2, cy: yy, r: HALF, class: "approx", fill: `url(#${it.hatch})` };
        g.appendChild(svg("circle", dot));
      } else if (p.stated) {
        const s0 = clamp(p.stated.x0);
        const s1 = clamp(p.stated.x1);
        if (p.stated.dot) g.appendChild(svg("circle", { cx: (s0 + s1) / 2, cy: yy, r: HALF - 1, class: "stated" }));
        else if (s1 > s0)
          g.appendChild(svg("rect", { x: s0, y: yy - HALF, width: s1 - s0, height: 2 * HALF, class: "stated" }));
      }
      if (!p.point) arrows(p.cx0, p.cx1, "open-end on-hatch");
    } else if (p.point) {
      g.appendChild(svg("circle", { cx: (p.cx0 + p.cx1) / 2, cy: yy, r: HALF, fill: it.color, class: "mark" }));
    } else {
      const bar = {
        x: p.cx0,
        y: yy - HALF,
        width: Math.max(1, p.cx1 - p.cx0),
        height: 2 * HALF,
        rx: 2,
        fill: it.color,
      };
      g.appendChild(svg("rect", { ...bar, class: "mark" }));
      arrows(p.cx0, p.cx1, "open-end");
    }
    if (p.label) {
      /* A label inside its bar sits on a light tag, readable on any colour. */
      if (p.label.inside) {
        const tag = { x: p.label.lx - 3, y: yy - 7, width: p.w + 5, height: 14, rx: 3, class: "tag" };
        g.appendChild(svg("rect", tag));
      }
      g.appendChild(svg("text", { x: p.label.lx, y: yy + 4, class: "label", text: it.n.short }));
    }
  };

  /* The lanes of a layout as one SVG: the ticks' grid, the time window, each lane's title and items. Only rows
     between `near`'s two heights are drawn (`skipped` says some were not); `focus` holds the heights of the
     selected item, the first marked item and the selected actor's lane. */
  const draw = ({ laid, height, geom, ticks, win, marks, near }) => {
    const { width, left, right, x } = geom;
    const root = svg("svg", {
      width,
      height,
      class: "tl-lanes",
      role: "img",
      "aria-label": `Timeline of ${events.length} events, by ${app.state.lanes === "actor" ? "actor" : "event type"}`,
    });
    root.appendChild(hatches());
    for (const [d] of ticks.minor) {
      if (x(d) > left && x(d) < right) {
        root.appendChild(svg("line", { x1: x(d), x2: x(d), y1: 0, y2: height, class: "grid" }));
      }
    }
    const shaded = scale.windowSpan(geom, win);
    if (shaded) {
      root.appendChild(svg("rect", { x: shaded.x0, y: 0, width: shaded.x1 - shaded.x0, height, class: "window-band" }));
    }
    let skipped = false;
    const anyMarks = marks.selected.size + marks.marked.size > 0;
    const focus = {};
    for (const lanePlace of laid) {
      const { lane, top, rowsTop, bottom, placed } = lanePlace;
      const current = lane.actor && lane.actor === marks.actor;
      root.appendChild(laneHead(lane, lanePlace, geom, current));
      if (current && !focus.lane) focus.lane = [top, bottom];
      for (const p of placed) {
        const id = p.it.n.id;
        const yy = rowsTop + p.row * ROW + ROW / 2;
        if (marks.selected.has(id) && !focus.selected) focus.selected = [yy - ROW / 2, yy + ROW / 2];
        if (marks.marked.has(id) && !focus.marked) focus.marked = [yy - ROW / 2, yy + ROW / 2];
        if (yy < near[0] || yy > near[1]) {
          skipped = true;
          continue;
        }
        const classes = ["event"];
        if (!app.isShown(id)) classes.push("outside");
        if (p.it.n.uncertain) classes.push("uncertain");
        if (p.it.ce === null) classes.push("ongoing");
        if (p.it.cs === null) classes.push("open-start");
        if (marks.selected.has(id)) classes.push("selected");
        else if (marks.marked.has(id)) classes.push("marked");
        else if (marks.related.has(id)) classes.push("related");
        else if (anyMarks) classes.push("unmarked");
        const g = svg("g", { class: classes.join(" "), "data-id": id, color: p.it.color }); /* currentColor */
        g.appendChild(svg("title", { text: p.it.title }));
        itemMarks(g, p, yy, geom);
        root.appendChild(g);
      }
    }
    return { svg: root, focus, skipped };
  };

  return { draw };
};
