/* kgraph explorer, part "views": the three views of one data set, each its own vis-network, made when first
   shown. "actors": persons, organizations and groups linked directly (data.links); "full": actors, events and
   places as the graph has them; "map": places with coordinates where they are, on country outlines. Each view
   shows what app.visible says and dims what the selection does not reach. */
(globalThis.kgraphParts ??= {}).views = (app) => {
  "use strict";

  const { data, util, INK } = app;
  const { kinds } = data;
  const actorKinds = new Set(data.actorKinds);
  const mapview = data.map ? app.parts.mapview(app) : null;
  /* Stance words in a drawn label: a node or edge whose evidence is not all support says so. */
  const marked = (label, stance) => (stance ? `${label} (${stance})` : label);
  const tooltip = (n) => (n.short !== n.label ? `${n.label}\n${n.short}` : n.label);

  const nodeColor = (n, dim) => {
    const fill = n.notYet ? INK.hollow : n.color;
    const edge = n.notYet ? n.color : n.border;
    return dim
      ? { background: INK.dim, border: INK.dimBorder, highlight: { background: fill, border: INK.text } }
      : {
          background: fill,
          border: edge,
          highlight: { background: fill, border: INK.strong },
          hover: { background: fill, border: INK.strong },
        };
  };
  const visNode = (n, extra = {}) => {
    const item = {
      id: n.id,
      shape: n.shape,
      size: n.size,
      color: nodeColor(n, false),
      title: tooltip(n),
      ...extra,
    };
    if (n.stance) {
      item.borderWidth = 3;
      item.shapeProperties = { borderDashes: [4, 3] };
    }
    /* An event that had not happened when it was reported (planned, predicted, ...): hollow, in its colour. */
    if (n.notYet) item.borderWidth = 3;
    return item;
  };
  const edgeTooltip = (e) =>
    `${marked(e.label, e.stance)}: ${app.byId.get(e.from)?.label ?? e.from} → ${app.byId.get(e.to)?.label ?? e.to}`;
  const visEdge = (e) => ({
    id: e.id,
    from: e.from,
    to: e.to,
    title: edgeTooltip(e),
    arrows: data.directed ? "to" : undefined,
    color: { color: e.color, highlight: INK.strong, hover: INK.strong },
    width: e.link ? 2.5 : e.kind === kinds.relation ? 2 : 1,
    dashes: e.stance ? [6, 4] : false,
  });
  const linkTooltip = (k) => {
    const a = app.byId.get(k.from).label;
    const b = app.byId.get(k.to).label;
    const events = k.events.length ? `${k.events.length} shared event${k.events.length > 1 ? "s" : ""}` : "";
    const relations = k.relations.map((id) => app.edgeById.get(id).label);
    return `${a} — ${b}\n${[events, ...relations].filter(Boolean).join("; ")}`;
  };
  const linkWidth = (count) => 1 + 1.5 * Math.sqrt(count);
  const visLink = (k) => ({
    id: k.id,
    from: k.from,
    to: k.to,
    title: linkTooltip(k),
    color: { color: INK.link, highlight: INK.strong, hover: INK.strong },
    width: linkWidth(k.weight),
  });

  /* What each view draws: its nodes and edges (vis items), and where its positions come from; in a large graph,
     only what part "detail" has drawn so far. */
  const drawn = (id) => app.detail.has(id);
  const position = (n) => app.detail.position(n);
  const SPECS = {
    actors: () => ({
      nodes: data.nodes.filter((n) => actorKinds.has(n.kind) && drawn(n.id)).map((n) => visNode(n, position(n))),
      edges: data.links.filter((k) => drawn(k.from) && drawn(k.to)).map(visLink),
    }),
    full: () => ({
      nodes: data.nodes.filter((n) => drawn(n.id)).map((n) => visNode(n, position(n))),
      edges: data.edges.filter((e) => drawn(e.from) && drawn(e.to)).map(visEdge),
    }),
    map: () => ({ nodes: mapview.items(visNode), edges: [] }),
  };
  const options = (name) => {
    const base = structuredClone(data.options);
    base.nodes = { ...(base.nodes || {}), font: { size: 0 } };
    base.edges = { ...(base.edges || {}), hoverWidth: 1.5, selectionWidth: 2 };
    base.interaction = { ...(base.interaction || {}), hover: true, tooltipDelay: 200, navigationButtons: false };
    if (name === "map" || !base.physics.enabled) {
      base.physics = { enabled: false };
    }
    return base;
  };

  /* Show and hide to match app.visible; in the actor view a link stays while one of its events or relations
     is shown, and its width follows how many are. */
  const sync = (view) => {
    const { visible } = app;
    const nodeProps = new Map();
    const edgeProps = new Map();
    const shownNodes = new Set();
    const shownEdges = new Set();
    app.detail.grow(view, { node: visNode, edge: visEdge, link: visLink });
    for (const id of view.nodes.getIds()) {
      if (visible.nodes.has(id)) shownNodes.add(id);
    }
    if (view.name === "actors") {
      for (const id of view.edges.getIds()) {
        const k = app.linkById.get(id);
        const events = k.events.filter(([e]) => visible.nodes.has(e)).length;
        const relations = k.relations.filter((r) => visible.edges.has(r)).length;
        const shown = shownNodes.has(k.from) && shownNodes.has(k.to) && events + relations > 0;
        if (shown) shownEdges.add(k.id);
        edgeProps.set(k.id, { hidden: !shown, width: linkWidth(shown ? events + relations : k.weight) });
      }
    } else if (view.name === "full") {
      for (const id of view.edges.getIds()) {
        if (visible.edges.has(id)) shownEdges.add(id);
        edgeProps.set(id, { hidden: !shownEdges.has(id) });
      }
    } else {
      /* The map: where each marker is at this zoom, which are shown, their sizes (part "mapview"). */
      for (const [id, p] of mapview.layout(view, view.items)) nodeProps.set(id, p);
    }
    if (app.state.hideIsolated && view.name === "actors") {
      const touched = new Set();
      for (const id of shownEdges) {
        const e = view.edges.get(id);
        touched.add(e.from).add(e.to);
      }
      for (const id of [...shownNodes]) if (!touched.has(id)) shownNodes.delete(id);
    }
    if (view.name !== "map") {
      for (const id of view.nodes.getIds()) {
        nodeProps.set(id, { ...(nodeProps.get(id) || {}), hidden: !shownNodes.has(id) });
      }
      view.shownNodes = shownNodes;
      view.shownEdges = shownEdges;
    }
    /* Only what changed goes to vis-network: each update costs it a pass over its items. */
    const changed = (props, set) =>
      [...props]
        .filter(([id, p]) => Object.entries(p).some(([k, v]) => (set.get(id) || {})[k] !== v))
        .map(([id, p]) => {
          set.set(id, { ...(set.get(id) || {}), ...p });
          return { id, ...p };
        });
    const nodeUpdates = changed(nodeProps, view.nodeState);
    const edgeUpdates = changed(edgeProps, view.edgeState);
    if (nodeUpdates.length) view.nodes.update(nodeUpdates);
    if (edgeUpdates.length) view.edges.update(edgeUpdates);
    if (view.name === "map") mapview.exact(view, nodeProps);
  };

  /* With a time window and nothing selected, what has something in the window stands out: the ends of the
     links or edges shown, and the events shown; an actor with nothing in the window is greyed. */
  const windowed = () => app.state.window.start !== null || app.state.window.end !== null;
  const active = (view) => {
    const out = new Set();
    for (const id of view.shownEdges) {
      const e = view.edges.get(id);
      out.add(e.from).add(e.to);
    }
    for (const id of view.shownNodes) if (app.byId.get(id).kind === kinds.event) out.add(id);
    return out;
  };
  /* The nodes a selection lights up in a view (null: nothing selected, nothing dimmed). */
  const litIn = (view) => {
    const sel = app.state.selected;
    if (view.name === "map") return mapview.lit(view, sel);
    if (!sel) return windowed() ? active(view) : null;
    const lit = new Set();
    if (sel.type === "node") {
      const n = app.byId.get(sel.id);
      lit.add(sel.id);
      if (actorKinds.has(n.kind)) for (const partner of app.partnersOf(sel.id)) lit.add(partner);
      if (view.name === "full") for (const id of view.network.getConnectedNodes(sel.id)) lit.add(id);
      if (view.name === "actors" && n.kind === kinds.event) for (const a of app.actorsOf(sel.id)) lit.add(a);
      /* A place: the actors of the events at it (or at a place within it). */
      if (view.name === "actors" && n.kind === kinds.place) {
        for (const event of app.eventsAt(sel.id)) for (const a of app.actorsOf(event)) lit.add(a);
      }
    } else if (sel.type === "source") {
      /* A source: what it says, and in the actor view the actors of the events it reports. */
      const { nodes, edges } = app.citing(sel.id);
      for (const id of nodes) lit.add(id);
      for (const id of edges) lit.add(app.edgeById.get(id).from).add(app.edgeById.get(id).to);
      if (view.name === "actors") for (const id of nodes) for (const a of app.actorsOf(id)) lit.add(a);
    } else {
      const item = sel.type === "link" ? app.linkById.get(sel.id) : app.edgeById.get(sel.id);
      if (item) lit.add(item.from).add(item.to);
      /* A link between two actors, in the full view: the events behind it too. */
      if (item && sel.type === "link" && view.name === "full") for (const [event] of item.events) lit.add(event);
    }
    return lit;
  };
  const highlight = (view) => {
    const lit = litIn(view);
    const updates = [];
    for (const id of view.nodes.getIds()) {
      const dim = lit !== null && !lit.has(id);
      const was = view.lit !== null && !view.lit.has(id);
      if (dim !== was) updates.push({ id, color: nodeColor(app.byId.get(id), dim) });
    }
    view.lit = lit;
    if (updates.length) view.nodes.update(updates);
    const sel = app.state.selected;
    const network = view.network;
    if (sel && sel.type === "node" && view.nodes.get(sel.id)) network.selectNodes([sel.id]);
    else if (sel && sel.type !== "node" && sel.type !== "source" && view.edges.get(sel.id)) {
      network.selectEdges([sel.id]);
    } else if (network.getSelectedNodes().length || network.getSelectedEdges().length) network.unselectAll();
  };

  const made = new Map();
  const host = document.getElementById("graph");
  const make = (name) => {
    const box = util.el("div", { className: "view", "data-view": name });
    host.appendChild(box);
    const spec = SPECS[name]();
    const nodes = new vis.DataSet(spec.nodes);
    const edges = new vis.DataSet(spec.edges);
    const view = {
      name,
      app,
      marked,
      box,
      nodes,
      edges,
      shownNodes: new Set(),
      shownEdges: new Set(),
      nodeState: new Map(spec.nodes.map((n) => [n.id, { hidden: false, size: n.size }])),
      edgeState: new Map(spec.edges.map((e) => [e.id, { hidden: false, width: e.width }])),
      lit: null,
      items: spec.nodes,
    };
    sync(view); /* hidden before the network draws anything */
    const network = new vis.Network(box, { nodes, edges }, options(name));
    view.network = network;
    network.on("afterDrawing", (ctx) => app.parts.labels.draw(view, ctx));
    if (name === "map") {
      /* A cluster's label says how many more places it holds. */
      view.marked = (label, stance) => marked(label + (view.suffix.get(label) ?? ""), stance);
      mapview.attach(view, () => {
        sync(view);
        highlight(view);
      });
    }
    made.set(name, view);
    return view;
  };
  const get = (name) => made.get(name) || make(name);

  /* The map's first look: its places, with enough of the countries around them to know where they are. */
  const fitMap = (view) => mapview.fit(view);
  const zoomInto = (view, id) => view.name === "map" && mapview.zoomInto(view, id);
  const zoomTo = (view, id) => view.name === "map" && mapview.zoomTo(view, id);

  return { get, sync, highlight, made, marked, fitMap, zoomInto, zoomTo };
};
