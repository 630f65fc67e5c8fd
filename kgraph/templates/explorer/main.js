/* kgraph explorer, part "main": the page's state (view, selection, time window, filters), what is visible,
   and the controls; it puts the other parts together. The page's data (kgraph/export/explorer_data.py) names
   everything that comes from the graph: kinds, filter groups, colours, panel fields. State lives in the URL's
   fragment, so a view can be shared, reopened, and walked through with back and forward. */
(() => {
  "use strict";

  const parts = globalThis.kgraphParts;
  const { util } = parts;
  const data = parts.unpack(JSON.parse(document.getElementById("kgraph-data").textContent));
  /* The page's own colours: dimmed nodes, highlight borders, labels, actor links, the map. */
  const INK = {
    dim: "#e6e6e6",
    dimBorder: "#d0d0d0",
    dimText: "#9a9a9a",
    text: "#222",
    strong: "#111",
    edgeText: "#555",
    halo: "#ffffff",
    hollow: "#ffffff",
    link: "#8a8a8a",
    land: "#eceae4",
    coast: "#b9b4a8",
  };
  const VIEWS = ["actors", "full", "map"].filter((v) => v !== "map" || data.map);
  const VIEW_NAMES = { actors: "Actors", full: "Actors and events", map: "Map" };

  const app = {
    data,
    util,
    parts,
    INK,
    byId: new Map(data.nodes.map((n) => [n.id, n])),
    edgeById: data.columns ? null : new Map(data.edges.map((e) => [e.id, e])) /* large: part "meetingsLarge" */,
    linkById: new Map(data.links.map((k) => [k.id, k])),
    sourceById: new Map(Object.entries(data.sources)),
    listeners: [],
    on: (fn) => app.listeners.push(fn),
  };

  /* An event's date as written and its place: a large graph's records carry them, a small graph's details. */
  app.dateOf = (n) => ("date" in n ? n.date : (n.details || {}).date);
  app.placeOf = (n) => ("place" in n ? n.place : (n.details || {}).place);
  parts.meetings(app); /* app.linksOf, partnersOf, eventsOf, actorsOf, eventsAt */
  app.detail = parts.detail(app); /* a large graph: what is drawn so far */

  /* ---------- time: [face start, face end, possible start, possible end] as day numbers ---------- */
  const timesOf = new WeakMap(); /* worked out once an item: the filters ask at every change */
  app.times = (item) => {
    if (item.days) return item.days; /* a large graph's records have them from Python */
    let t = timesOf.get(item);
    if (!t) {
      t = (item.t || [null, null, null, null]).map(util.day);
      timesOf.set(item, t);
    }
    return t;
  };
  const dated = [...data.nodes, ...data.edges].map(app.times).filter((t) => t.some((d) => d !== null));
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const t of dated) {
    for (const d of t) {
      if (d !== null) {
        minDay = Math.min(minDay, d);
        maxDay = Math.max(maxDay, d);
      }
    }
  }
  app.extent = dated.length ? { min: minDay, max: maxDay } : null;

  /* ---------- state ---------- */
  const noFilters = () => Object.fromEntries(data.filters.map((group) => [group.name, new Set()]));
  const state = {
    view: VIEWS[0],
    selected: null,
    window: { start: null, end: null, mode: "overlapping" },
    off: noFilters(),
    hideIsolated: false,
    disputedOnly: false,
    claimant: "",
    lanes: "type",
  };
  app.state = state;

  parts.visible(app);
  const { computeVisible } = app;

  /* ---------- the parts ---------- */
  const views = parts.views(app);
  const panel = parts.panel(app);
  const timeline = parts.timeline(app, document.getElementById("timeline-area"));
  app.typeColors = data.typeColors;
  const search = parts.search(app, document.getElementById("search-box"));
  app.views = views;
  app.viewName = (name) => VIEW_NAMES[name];
  app.png = parts.png(app);

  /* ---------- controls: view buttons, time window, filters ---------- */
  const controls = parts.controls(app, { VIEWS, VIEW_NAMES, noFilters });
  const fragment = parts.fragment(app, { VIEWS, noFilters, controls, notes: search });

  const current = () => views.get(state.view);
  /* Where a view looks (the canvas's top-left corner, the scale), and whether it still looks where it was fitted:
     the reader has not zoomed or panned it since, nor has the page moved it to a selection. */
  const cameraOf = (network) => ({ ...network.DOMtoCanvas({ x: 0, y: 0 }), scale: network.getScale() });
  app.unmoved = (view) => {
    const now = cameraOf(view.network);
    return !!view.fitted && ["x", "y", "scale"].every((k) => Math.abs(now[k] - view.fitted[k]) < 1e-9);
  };
  /* The first look at a view: all of it; the map, its places with the country around them. */
  const fitView = (view) => {
    if (view.name === "map") views.fitMap(view);
    else parts.labels.fit(view, view.shownNodes.size ? [...view.shownNodes] : view.nodes.getIds());
    view.fitted = cameraOf(view.network);
  };
  app.sheet = parts.sheet(app); /* also says how much of the canvas is in sight, for the labels */
  const { keepClear } = app.sheet;

  /* Everything follows the state: the views drawn so far, the panel, the timeline, the URL. */
  const render = ({ fit = false, focus = false, history = true } = {}) => {
    if (state.selected && state.selected.type === "node") app.detail.bring(state.selected.id);
    computeVisible();
    for (const view of views.made.values()) {
      views.sync(view);
      views.highlight(view);
    }
    const view = current();
    for (const [name, made] of views.made) made.box.hidden = name !== state.view;
    for (const button of document.querySelectorAll("#views button")) {
      button.setAttribute("aria-pressed", String(button.dataset.view === state.view));
    }
    if (fit && !view.network.physics.physicsEnabled) fitView(view);
    const sel = state.selected;
    if (focus && sel && sel.type === "node" && view.shownNodes.has(sel.id)) {
      view.network.focus(sel.id, { scale: Math.max(view.network.getScale(), 1), animation: false });
    }
    panel.show(sel);
    keepClear(view);
    timeline.draw();
    controls.show();
    const shown = view.shownNodes.size;
    const total = app.detail.totalIn(view);
    const hidden = data.nodes.length - app.visible.nodes.size;
    const hiding = hidden ? `the filters and the time window hide ${hidden} of ${data.nodes.length}` : "nothing hidden";
    document.getElementById("stats").textContent =
      `${VIEW_NAMES[state.view]} view: ${shown} of its ${total} nodes drawn · ${hiding}`;
    app.detail.show(view);
    if (history) fragment.save();
    for (const fn of app.listeners) fn();
    view.network.redraw();
  };
  app.render = render;
  app.fit = () => fitView(current());

  /* ---------- selection ---------- */
  /* Selects a node; with `show`, a view that does not draw it gives way to one that does. */
  app.select = (id, { focus = false, show = false } = {}) => {
    if (!app.byId.has(id)) return;
    state.selected = { type: "node", id };
    let fit = false;
    /* A view that does not draw it (not its kind, folded into a map marker, an actor with nothing shown): the
       map zooms in on it if that draws it; otherwise the full view, which draws whatever passes the filters. */
    const view = views.get(state.view);
    app.detail.bring(id);
    const drawsIt = view.shownNodes.has(id) || app.detail.drawsIn(view, id);
    if (show && app.isShown(id) && !drawsIt && !views.zoomTo(view, id)) {
      fit = !views.made.has("full");
      state.view = "full";
    }
    render({ focus, fit });
  };
  app.selectEdge = (id) => {
    state.selected = { type: app.linkById.has(id) ? "link" : "edge", id };
    render();
  };
  app.selectSource = (id) => {
    if (!app.sourceById.has(id)) return;
    state.selected = { type: "source", id };
    render();
  };
  app.clearSelection = () => {
    state.selected = null;
    render();
  };
  /* What hides a node (its filters, the window, then the evidence filters), undone so that it shows; the
     rest of the state stays. */
  app.reveal = (id) => {
    const n = app.byId.get(id);
    for (const group of data.filters) {
      if (group.items === "nodes" && (group.kind === null || n.kind === group.kind)) {
        state.off[group.name].delete(n[group.attribute]);
      }
    }
    if (!app.passes(n)) state.window = { ...state.window, start: null, end: null };
    computeVisible();
    if (!app.isShown(id)) Object.assign(state, { hideIsolated: false, disputedOnly: false, claimant: "" });
    controls.load();
  };
  app.setView = (name) => {
    if (!VIEWS.includes(name)) return;
    const first = !views.made.has(name);
    state.view = name;
    render({ fit: first });
  };
  app.setWindow = (start, end, mode = state.window.mode) => {
    state.window = { start, end, mode };
    controls.load();
    render();
  };
  app.setLanes = (lanes) => {
    state.lanes = lanes;
    render();
  };

  /* ---------- events from the networks ---------- */
  const wire = (view) => {
    /* A view that still looks where it was fitted is fitted again when its canvas changes size (the window, a
       phone's toolbar, the timeline's divider, the panel on a wide screen): vis-network would scale it by how
       much one side grew, and push the ends of the other side off the canvas. It says so before it moves the
       view, so the fit comes after, before the next frame. */
    view.network.on("resize", ({ width, height }) => {
      if (width && height && app.unmoved(view)) queueMicrotask(() => fitView(view));
    });
    view.network.on("click", (params) => {
      if (params.nodes.length && views.zoomInto(view, params.nodes[0])) view.network.redraw();
      else if (params.nodes.length) app.select(params.nodes[0]);
      else if (params.edges.length) app.selectEdge(params.edges[0]);
      else {
        const near = parts.labels.nearestEdge(view, params.pointer.DOM);
        if (near) app.selectEdge(near);
        else app.clearSelection();
      }
    });
  };
  const getView = views.get;
  views.get = (name) => {
    const fresh = !views.made.has(name);
    const view = getView(name);
    if (fresh) {
      wire(view);
      views.sync(view);
      views.highlight(view);
      if (view.network.physics.physicsEnabled) {
        view.network.once("stabilizationIterationsDone", () => {
          view.network.setOptions({ physics: false });
          parts.labels.stretch(view, [...view.shownNodes]);
          fitView(view);
          const sel = state.selected;
          if (sel && sel.type === "node" && view.nodes.get(sel.id)) {
            view.network.focus(sel.id, { scale: Math.max(view.network.getScale(), 1), animation: false });
          }
          /* Laid out at last: on a phone, the selection and what it lights move out from under the sheet (a
             link opened with a selection, or a view first shown with one). */
          if (state.view === view.name) keepClear(view);
        });
      }
    }
    return view;
  };

  /* ---------- ready ---------- */
  fragment.restore();
  window.addEventListener("popstate", () => fragment.restore());
  const view = current();
  const ready = () => {
    window.kgraphReady = performance.now();
    document.body.setAttribute("data-ready", "true");
    window.dispatchEvent(new Event("kgraph-ready"));
  };
  if (view.network.physics.physicsEnabled) view.network.once("stabilizationIterationsDone", () => setTimeout(ready));
  else view.network.once("afterDrawing", ready);

  /* For tests and the curious: the page's state and what it shows. */
  window.kgraph = {
    data,
    app,
    get network() {
      return current().network;
    },
    get nodes() {
      return current().nodes;
    },
    get edges() {
      return current().edges;
    },
    search: search.find,
    select: (id, focus) => app.select(id, { focus }),
    setView: app.setView,
    setWindow: (fromIso, toIso) => app.setWindow(util.day(fromIso), util.day(toIso)),
    setMode: (mode) => app.setWindow(state.window.start, state.window.end, mode),
    visibleNodes: () => [...current().shownNodes],
    shownEvents: app.shownEvents,
    drawnLabels: () => parts.labels.drawn(current()),
    timelineEvents: timeline.shown /* the ids of the events the timeline shows */,
    timelineItemsMade: timeline.made,
    timelineExtent: timeline.extent,
  };
})();
