/* kgraph explorer, part "timelineControls": the timeline's bar and its edge. The bar holds the zoom buttons
   (−, +, Fit to every dated event, and Main, the bulk of them, as the timeline opens) and a key to the marks the items use (approximate, ongoing, earlier state), showing only those
   the data has. A handle along the area's top edge resizes it, by dragging or with the arrow keys. */
(globalThis.kgraphParts ??= {}).timelineControls = (app, options) => {
  "use strict";

  const { area, box, lanes, scale } = options;
  const { svg, el } = app.util;
  const MIN_HEIGHT = 100;

  /* ---------- the key ---------- */
  const swatchSvg = (...children) => {
    const s = svg("svg", { width: 26, height: 12, "aria-hidden": "true" });
    for (const c of children) s.appendChild(c);
    return s;
  };
  const hasStates = lanes.some(
    (it) => it.states.length,
    (n) => (n.states || []).length > 1,
  );
  const hasUncertain = lanes.some(
    (it) => !it.certain || (it.us !== null && it.us < (it.certain.ks ?? it.us)) || it.ue > (it.certain.ke ?? it.ue),
  );
  const hasOpen = lanes.some(
    (it) => it.cs === null || it.ce === null,
    (n) => app.times(n).some((d) => d === null),
  );
  const key = el("span", { id: "timeline-key", className: "tl-key" });
  if (hasUncertain) {
    const hatch = svg("pattern", { id: "kgtl-key-hatch", width: 5, height: 5, patternUnits: "userSpaceOnUse" });
    hatch.setAttribute("patternTransform", "rotate(45)");
    hatch.appendChild(svg("rect", { width: 2, height: 5, class: "tl-key-hatch" }));
    const defs = svg("defs");
    defs.appendChild(hatch);
    const swatch = swatchSvg(
      defs,
      svg("rect", { x: 1, y: 2, width: 24, height: 8, class: "tl-key-uncertain", fill: "url(#kgtl-key-hatch)" }),
    );
    const entry = el("span", { title: "Hatched: some time in this span (an approximate, uncertain or coarse date)" });
    entry.append(swatch, " not exact");
    key.appendChild(entry);
  }
  if (hasOpen) {
    key.appendChild(
      el(
        "span",
        {},
        swatchSvg(
          svg("rect", { x: 1, y: 2, width: 22, height: 8, class: "tl-key-solid" }),
          svg("path", { d: "M19 2 L24 6 L19 10", class: "tl-key-arrow" }),
        ),
        " ongoing",
      ),
    );
  }
  if (hasStates) {
    key.appendChild(
      el(
        "span",
        {},
        swatchSvg(
          svg("circle", { cx: 5, cy: 6, r: 3.5, class: "tl-key-state" }),
          svg("line", { x1: 9, x2: 19, y1: 6, y2: 6, class: "tl-key-change" }),
          svg("circle", { cx: 22, cy: 6, r: 3.5, class: "tl-key-solid" }),
        ),
        " earlier state",
      ),
    );
  }
  key.hidden = !key.childNodes.length;

  /* ---------- the zoom buttons ---------- */
  const button = (text, label, action) => {
    const b = el("button", { type: "button", text, title: label, "aria-label": label });
    b.addEventListener("click", action);
    return b;
  };
  const { dated } = lanes;
  const tools = el(
    "span",
    { className: "tl-zoom", role: "group", "aria-label": "Zoom the timeline" },
    button("−", "Zoom out", () => scale.zoom(1.6)),
    button("+", "Zoom in", () => scale.zoom(1 / 1.6)),
    button("Fit", `Fit the timeline to every dated event (${dated})`, () => scale.fit()),
  );
  if (scale.outliers) {
    const far = `${scale.outliers} event${scale.outliers > 1 ? "s" : ""} far from the rest`;
    tools.appendChild(button("Main", `Show the main period: the bulk of the events, without the ${far}`, scale.home));
  }
  area.querySelector(".timeline-bar").append(tools, key);

  /* ---------- resizing the area: its top edge ---------- */
  const handle = el("div", {
    className: "tl-resize",
    role: "separator",
    tabindex: "0",
    "aria-orientation": "horizontal",
    "aria-label": "Resize the timeline",
    title: "Drag to resize the timeline",
  });
  area.insertBefore(handle, area.firstChild);

  const maxHeight = () => Math.max(MIN_HEIGHT + 40, Math.round(window.innerHeight * 0.7));
  const setHeight = (h) => {
    box.style.height = `${Math.round(Math.max(MIN_HEIGHT, Math.min(maxHeight(), h)))}px`;
  };
  let sizing = null;
  handle.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    sizing = { y: event.clientY, h: box.getBoundingClientRect().height, id: event.pointerId };
    handle.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  handle.addEventListener("pointermove", (event) => {
    if (!sizing || event.pointerId !== sizing.id) return;
    setHeight(sizing.h - (event.clientY - sizing.y));
  });
  const endSizing = (event) => {
    if (!sizing || event.pointerId !== sizing.id) return;
    sizing = null;
    window.dispatchEvent(new Event("resize")); /* the views fit their canvas to the space left */
  };
  handle.addEventListener("pointerup", endSizing);
  handle.addEventListener("pointercancel", endSizing);
  handle.addEventListener("keydown", (event) => {
    const step = { ArrowUp: 24, ArrowDown: -24 }[event.key];
    if (!step) return;
    event.preventDefault();
    setHeight(box.getBoundingClientRect().height + step);
    window.dispatchEvent(new Event("resize"));
  });
};
