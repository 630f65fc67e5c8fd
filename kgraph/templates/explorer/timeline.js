/* kgraph explorer, part "timeline": events by date, in lanes (by event type or by actor), linked with the views.
   It puts the timeline's parts together: the items and their lanes (timelineLanes), where they go
   (timelineLayout), the time axis (timelineScale), the drawing (timelineItems), the bar and the resize handle
   (timelineControls) and the reader's wheel, drags and keys (timelineGestures). It draws them at most once a
   frame, only the rows near the scrolled part, and wires what selects: clicking an item (or an actor's lane)
   selects it, dragging across the axis sets the time window (whole days, months, years or decades, as the
   ticks show), double-clicking the axis clears it. Whatever lies beyond an edge of the axis is counted in a
   strip above that edge ("◀ 2 earlier"), where it covers nothing, and the count is a button that pans there. */
(globalThis.kgraphParts ??= {}).timeline = (app, area) => {
  "use strict";

  const { parts, util } = app;
  const { el } = util;
  const REACH = 1000; /* rows further than this above or below the scrolled part are not drawn */

  const box = area.querySelector("#timeline");
  const lanesSelect = area.querySelector("#lanes");
  const lanes = parts.timelineLanes(app);
  const { events, typeColors } = lanes;
  area.hidden = !events.length;
  lanesSelect.addEventListener("change", () => app.setLanes(lanesSelect.value));
  const layout = parts.timelineLayout(box);

  /* Redraw at most once a frame while zooming, panning or resizing (frame.draw is the drawing, below). */
  const frame = { pending: 0, draw: null };
  const schedule = () => {
    if (!frame.pending) {
      frame.pending = requestAnimationFrame(() => {
        frame.pending = 0;
        frame.draw();
      });
    }
  };
  const { extent } = lanes; /* a large graph's data gives the axis's extent; a small graph's items, their spans */
  const spans = extent ? [] : lanes.spans(lanes.shown());
  const scale = parts.timelineScale(app, { spans, extent, measure: layout.measure, schedule });
  const drawing = parts.timelineItems(app, { lanes, layout, scale });
  parts.timelineControls(app, { area, box, lanes, scale });

  const axisBox = el("div", { className: "tl-axis" });
  const body = el("div", {
    className: "tl-body",
    tabindex: "0",
    "aria-label": "Events by date: wheel or + and − to zoom, drag or arrow keys to pan",
    title: "Wheel to zoom, drag to pan, click an event to select it",
  });
  const earlier = el("button", { type: "button", className: "tl-edge tl-earlier", hidden: "" });
  const later = el("button", { type: "button", className: "tl-edge tl-later", hidden: "" });
  const edgeStrip = el("div", { className: "tl-edges", hidden: "" }, earlier, later); /* above the axis */
  box.replaceChildren(edgeStrip, axisBox, body);

  /* ---------- drawing ---------- */
  let brushRect = null; /* the brush being dragged across the axis */
  let drawn = null; /* the part of the lanes drawn, when some rows were left out */
  let geom = null; /* where the last drawing put the plot: left, right, and the days at its ends */
  let lastSel = "";
  let shownTicks = null; /* the ticks of the last drawing, which a brush snaps to */
  let edges = { before: [], after: [] };

  /* The count of events beyond an edge, on its button, with how many of them the selection marks. */
  const edgeButton = (b, list, text, side, marks) => {
    b.hidden = !list.length;
    if (!list.length) return;
    const markedCount = list.filter((it) => marks.selected.has(it.n.id) || marks.marked.has(it.n.id)).length;
    b.textContent = side === "before" ? `◀ ${list.length} ${text}` : `${list.length} ${text} ▶`;
    if (markedCount) b.appendChild(el("span", { className: "tl-edge-marked", text: ` (${markedCount} marked)` }));
    b.title = `${list.length} event${list.length > 1 ? "s" : ""} ${text}: show them`;
    b.classList.toggle("has-marked", markedCount > 0);
  };

  const draw = () => {
    lanesSelect.value = app.state.lanes;
    if (!events.length) return;
    const width = body.clientWidth;
    if (!width) return;
    const sel = app.state.selected;
    const marks = lanes.marksOf(sel);
    const selChanged = lanes.selKey(sel) !== lastSel;
    /* Bring the selection into sight: the time view pans to a selected event that lies outside it. */
    if (selChanged) scale.follow(lanes.itemOf([...marks.selected][0]));
    const laneList = lanes.lanesFor(app.state.lanes);
    const win = app.state.window;
    geom = layout.geometry(width, laneList, scale.view);
    const { laid, height, before, after } = layout.place(laneList, geom, win);
    const ticks = scale.ticks(geom.lo, geom.hi, geom.k);
    shownTicks = ticks;
    /* Only rows within reach of the scrolled part are drawn; scrolling draws the others. */
    const near = [body.scrollTop - REACH, body.scrollTop + body.clientHeight + REACH];
    const lanesDrawn = drawing.draw({ laid, height, geom, ticks, win, marks, near });
    const axis = scale.axis(geom, ticks, win);
    brushRect = axis.brush;

    /* The counts beyond each edge, as buttons that pan there. */
    edges = { before: [...before.values()], after: [...after.values()] };
    edgeButton(earlier, edges.before, "earlier", "before", marks);
    edgeButton(later, edges.after, "later", "after", marks);
    edgeStrip.hidden = earlier.hidden && later.hidden;

    axisBox.replaceChildren(axis.svg);
    body.replaceChildren(lanesDrawn.svg);
    const { focus } = lanesDrawn;
    const focusY = focus.selected || focus.lane || focus.marked;
    if (selChanged && focusY) {
      const [y0, y1] = focusY;
      if (y0 < body.scrollTop || y1 > body.scrollTop + body.clientHeight) {
        body.scrollTop = Math.max(0, y0 - 8);
      }
    }
    lastSel = lanes.selKey(sel);
    drawn = lanesDrawn.skipped ? near : null;
  };

  frame.draw = draw;

  /* ---------- the edges: pan to what lies beyond ---------- */
  earlier.addEventListener("click", () => scale.show(lanes.spans(edges.before)));
  later.addEventListener("click", () => scale.show(lanes.spans(edges.after)));

  /* ---------- the plot: zoom and pan; scroll draws more rows; click selects ---------- */
  const gestures = parts.timelineGestures({ body, axisBox, scale, geom: () => geom });
  body.addEventListener("scroll", () => {
    if (drawn && (body.scrollTop < drawn[0] + REACH / 2 || body.scrollTop + body.clientHeight > drawn[1] - REACH / 2)) {
      schedule();
    }
  });
  body.addEventListener("click", (event) => {
    if (gestures.dragged()) return;
    const g = event.target.closest("g.event");
    if (g) {
      app.select(g.getAttribute("data-id"), { focus: true });
      return;
    }
    const lane = event.target.closest("g.lane");
    if (lane && app.state.lanes === "actor" && app.byId.has(lane.getAttribute("data-lane"))) {
      app.select(lane.getAttribute("data-lane"), { focus: true });
    }
  });

  /* ---------- the axis: drag across it to set the time window ---------- */
  let brush = null;
  const axisX = (event) => {
    const rect = axisBox.getBoundingClientRect();
    return Math.max(geom.left, Math.min(geom.right, event.clientX - rect.left));
  };
  axisBox.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || !geom || event.target.closest("button")) return;
    const rect = axisBox.getBoundingClientRect();
    if (event.clientX - rect.left < geom.left) return;
    brush = { x0: axisX(event), x1: axisX(event), id: event.pointerId };
    axisBox.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  /* The days a brush from x0 to x1 covers, snapped to the whole days, months, years or decades the ticks show. */
  const brushed = ({ x0, x1 }) =>
    scale.snap(geom.dayAt(Math.min(x0, x1)), geom.dayAt(Math.max(x0, x1)), shownTicks || { unit: "day", step: 1 });
  axisBox.addEventListener("pointermove", (event) => {
    if (!brush || event.pointerId !== brush.id) return;
    brush.x1 = axisX(event);
    if (brushRect && Math.abs(brush.x1 - brush.x0) >= 4) {
      const [start, end] = brushed(brush);
      const [px0, px1] = [geom.clamp(geom.x(start)), geom.clamp(geom.x(end + 1))];
      brushRect.setAttribute("x", px0);
      brushRect.setAttribute("width", Math.max(0, px1 - px0));
      brushRect.setAttribute("visibility", "visible");
    }
  });
  const endBrush = (event) => {
    if (!brush || event.pointerId !== brush.id) return;
    const b = brush;
    brush = null;
    if (brushRect) brushRect.setAttribute("visibility", "hidden");
    if (event.type === "pointercancel" || Math.abs(b.x1 - b.x0) < 4) return;
    const [start, end] = brushed(b);
    app.setWindow(start, end);
  };
  axisBox.addEventListener("pointerup", endBrush);
  axisBox.addEventListener("pointercancel", endBrush);
  axisBox.addEventListener("dblclick", (event) => {
    if (!event.target.closest("button")) app.setWindow(null, null);
  });

  /* The width follows the window (and the side panel opening or closing). */
  let lastWidth = 0;
  new ResizeObserver(() => {
    if (body.clientWidth !== lastWidth) {
      lastWidth = body.clientWidth;
      schedule();
    }
  }).observe(body);

  /* For tests: the ids of the events the timeline shows, how many items it has made, and the axis's extent. */
  const shown = () => [...new Set(lanes.lanesFor(app.state.lanes).flatMap((l) => l.items.map((it) => it.n.id)))];
  return { draw, typeColors, shown, made: lanes.made, extent: () => ({ ...scale.extent, dated: lanes.dated }) };
};
