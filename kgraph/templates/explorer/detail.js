/* kgraph explorer, part "detail": a level of detail for large graphs. Above the size data.detail gives, the views
   draw only some nodes: first the most connected actors, and the events that join two of them; selecting a node
   (by a click, a search or a shared link) brings in its neighbourhood, placed around it. Everything else stays
   searchable and filterable: the filters, the window and search work on all the data, and a note says what is
   drawn. Small graphs are drawn whole, and this part does nothing. */
(globalThis.kgraphParts ??= {}).detail = (app) => {
  "use strict";

  const { data, util } = app;
  const { kinds } = data;
  const spec = data.detail;
  const actorKinds = new Set(data.actorKinds);
  if (!spec) {
    return {
      active: false,
      has: () => true,
      drawn: () => [],
      position: (n) => (n.x === undefined ? {} : { x: n.x, y: n.y }),
      bring: () => false,
      grow: () => {},
      drawsIn: () => false,
      show: () => {},
      totalIn: (view) => view.nodes.length,
      version: 0,
    };
  }

  const drawn = new Set();
  const placed = new Map(); /* where a node brought in around another is drawn */
  const brought = new Set();
  let version = 0;
  const byDegree = (p, q) => q.degree - p.degree || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0);
  const top = (nodes, count) => [...nodes].sort(byDegree).slice(0, count);

  /* The first look, as the page's data gives it: the most connected actors, and the events that join two of them. */
  for (const id of spec.initial) drawn.add(id);

  /* The edges at each node, for the full view to draw those between drawn nodes. */
  const edgesAt = new Map();
  for (const e of app.edgesAt ? [] : data.edges) {
    for (const id of [e.from, e.to]) {
      if (!edgesAt.has(id)) edgesAt.set(id, []);
      edgesAt.get(id).push(e);
    }
  }
  const edgesOf = app.edgesAt ?? ((id) => edgesAt.get(id) || []); /* a large graph's columns index them */
  /* A node's neighbourhood: its partners and events if an actor, its actors and place if an event, the events
     at it if a place; the best connected of each, up to spec.neighbours. */
  const neighbours = (id) => {
    const n = app.byId.get(id);
    const ids = (list) => top(list.map((x) => app.byId.get(x)).filter(Boolean), spec.neighbours).map((x) => x.id);
    if (actorKinds.has(n.kind)) return [...ids(app.partnersOf(id)), ...ids(app.eventsOf(id))];
    if (n.kind === kinds.event) {
      const place = app.placeOf(n);
      return [...ids(app.actorsOf(id)), ...(place && app.byId.has(place) ? [place] : [])];
    }
    if (n.kind === kinds.place) return ids(app.eventsAt(id));
    return ids(edgesOf(id).map((e) => (e.from === id ? e.to : e.from)));
  };
  const position = (n) => placed.get(n.id) ?? (n.x === undefined ? {} : { x: n.x, y: n.y });
  /* Where a node brought in from nowhere goes: the first drawing has positions; the rest are placed in a column
     to its right, one neighbourhood below the other. */
  const first = data.nodes.filter((n) => n.x !== undefined);
  const right = Math.max(0, ...first.map((n) => n.x)) + 600;
  const upper = Math.min(0, ...first.map((n) => n.y));
  let column = 0;
  const free = (n) => {
    if (placed.has(n.id) || n.x !== undefined) return placed.get(n.id) ?? { x: n.x, y: n.y };
    placed.set(n.id, { x: right, y: upper + 700 * column });
    column += 1;
    return placed.get(n.id);
  };

  /* Brings in a node and its neighbourhood; those not yet drawn are placed in rings around it. True if anything
     new is drawn. */
  const bring = (id) => {
    if (!app.byId.has(id) || brought.has(id)) return false;
    brought.add(id);
    const fresh = [id, ...neighbours(id)].filter((x) => !drawn.has(x));
    const centre = placed.get(id) ?? free(app.byId.get(id));
    fresh.forEach((x, i) => {
      drawn.add(x);
      if (x === id) return;
      const ring = Math.floor(i / 12);
      const angle = (2 * Math.PI * (i % 12)) / 12 + ring * 0.26;
      const radius = 170 + ring * 110;
      placed.set(x, { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) });
    });
    if (fresh.length) version += 1;
    return fresh.length > 0;
  };
  /* Adds to a view what was brought in since it last looked: nodes of its kinds, and the edges (or links)
     between drawn nodes. `make` turns data into vis items: {node, edge, link}. */
  const fits = (view, n) => view.name === "full" || (view.name === "actors" && actorKinds.has(n.kind));
  const grow = (view, make) => {
    if (view.name === "map" || view.version === version) return;
    view.version = version;
    const fresh = [...drawn].filter((id) => !view.nodeState.has(id) && fits(view, app.byId.get(id)));
    const nodes = fresh.map((id) => make.node(app.byId.get(id), position(app.byId.get(id))));
    for (const item of nodes) view.nodeState.set(item.id, { hidden: false, size: item.size });
    const edges = [];
    for (const id of fresh) {
      for (const e of view.name === "actors" ? app.linksOf(id) : edgesOf(id)) {
        if (view.edgeState.has(e.id) || !view.nodeState.has(e.from) || !view.nodeState.has(e.to)) continue;
        const item = view.name === "actors" ? make.link(e) : make.edge(e);
        view.edgeState.set(item.id, { hidden: false, width: item.width });
        edges.push(item);
      }
    }
    if (nodes.length) view.nodes.add(nodes);
    if (edges.length) view.edges.add(edges);
  };
  /* Whether a view draws a node once it is brought in. */
  const drawsIn = (view, id) => drawn.has(id) && fits(view, app.byId.get(id));

  /* The note, in the view's corner: how much of the graph is drawn, and how to bring in the rest. */
  const element = util.el("p", { className: "detail-note", role: "status" });
  document.getElementById("graph").appendChild(element);
  const actorCount = data.nodes.filter((n) => actorKinds.has(n.kind)).length;
  const totalIn = (view) =>
    view.name === "actors" ? actorCount : view.name === "full" ? data.nodes.length : view.nodes.length;
  const show = (view) => {
    element.hidden = view.name === "map";
    if (element.hidden) return;
    const [total, what] = [totalIn(view), view.name === "actors" ? "actors" : "nodes"];
    const count = view.nodeState.size.toLocaleString("en");
    /* On a phone only the count and the way to the rest show (the styles hide the longer part). */
    element.replaceChildren(
      util.el("span", { text: `A large graph: ${count} of its ${total.toLocaleString("en")} ${what} drawn.` }),
      util.el("span", {
        className: "detail-more",
        text:
          ` The ${spec.actors} most connected actors and the events that join them come first; the timeline ` +
          "shows the events drawn. Select or search to bring in more: search finds every name.",
      }),
      util.el("span", { className: "detail-hint", text: " Search finds every name." }),
    );
  };

  return {
    active: true,
    has: (id) => drawn.has(id),
    drawn: () => drawn /* the ids drawn so far, as a set */,
    position,
    bring,
    grow,
    drawsIn,
    show,
    totalIn,
    get version() {
      return version;
    },
  };
};
