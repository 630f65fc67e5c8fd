/* kgraph explorer, part "mapview": what the map view draws where. Places stand at their coordinates and each
   place's events on rings around it; markers keep one size on screen whatever the zoom, a place's by the number
   of its events shown. Places whose markers and rings would overlap at the current zoom are drawn as one marker
   that says how many places it holds (its tooltip names them), which splits apart as you zoom in. Under the
   network: sea, land and country names (part "basemap"); on it, a note of what is shown but not on the map. */
(globalThis.kgraphParts ??= {}).mapview = (app) => {
  "use strict";

  const { data, util, INK } = app;
  const { kinds } = data;
  const actorKinds = new Set(data.actorKinds);
  const map = data.map;
  /* Canvas units per projected unit: vis-network rounds positions to whole units, so 4 keeps them to about 250 m,
     and the zoom goes from the region (about 0.3) to a town's streets (vis-network's 10). */
  const K = 4;
  /* The first look shows at least this much around the places: about 7 degrees across, 4.5 high. */
  const MIN_W = 700 * K;
  const MIN_H = 450 * K;
  const EVENT_PX = 5;
  const GAP_PX = 13;
  /* A cluster of several places with more events than this shows their number, not the events. */
  const MAX_RING_EVENTS = 36;
  const SEA = "#dde6ec";
  const placePx = (count) => Math.min(26, 7 + 4 * Math.sqrt(count));

  const places = new Map(map.places.map((p) => [p.id, { x: p.x * K, y: p.y * K }]));
  const start = (id) => {
    const t = app.times(app.byId.get(id));
    return t[0] ?? t[2] ?? t[1] ?? t[3] ?? Infinity;
  };
  const atPlace = new Map();
  for (const [event, place] of Object.entries(map.eventPlace)) {
    if (!atPlace.has(place)) atPlace.set(place, []);
    atPlace.get(place).push(event);
  }
  for (const events of atPlace.values()) events.sort((a, b) => start(a) - start(b) || (a < b ? -1 : 1));

  /* The vis items: places, then events, each at its place until the first layout. */
  const items = (visNode) => {
    const out = [...places].map(([id, at]) => visNode(app.byId.get(id), { ...at, fixed: true, physics: false }));
    for (const [place, events] of atPlace) {
      for (const id of events) {
        out.push(visNode(app.byId.get(id), { ...places.get(place), size: EVENT_PX, fixed: true, physics: false }));
      }
    }
    return out;
  };

  /* A new layout for the current zoom (set by attach: views.js's sync and highlight). */
  const relayout = (view) => view.relayout && view.relayout();

  /* ---------- the first look ---------- */
  const box = () => {
    const ids = [...places.keys()].filter((id) => app.visible && app.visible.nodes.has(id));
    const at = (ids.length ? ids : [...places.keys()]).map((id) => places.get(id));
    const xs = at.map((p) => p.x);
    const ys = at.map((p) => p.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    return {
      x: (x0 + x1) / 2,
      y: (y0 + y1) / 2,
      w: Math.max(MIN_W, (x1 - x0) * 1.25),
      h: Math.max(MIN_H, (y1 - y0) * 1.25),
    };
  };
  const fitScale = (view) => {
    const host = view.box.getBoundingClientRect();
    const b = box();
    return Math.min((host.width || 800) / b.w, (host.height || 500) / b.h);
  };
  const fit = (view) => {
    const b = box();
    view.network.moveTo({ position: { x: b.x, y: b.y }, scale: fitScale(view), animation: false });
    relayout(view);
  };

  /* A click on a marker that holds several places zooms in on them until they split (true if it did). */
  const zoomInto = (view, id) => {
    const c = (view.clusters || []).find((k) => k.leader === id && k.members.length > 1);
    if (!c) return false;
    const xs = c.members.map((m) => places.get(m).x);
    const ys = c.members.map((m) => places.get(m).y);
    const at = { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
    view.network.moveTo({ position: at, scale: view.network.getScale() * 3, animation: false });
    relayout(view);
    return true;
  };

  /* Zooms in on a place (or an event's place) folded into a marker, until it has its own (true if it then does). */
  const zoomTo = (view, id) => {
    const place = places.has(id) ? id : map.eventPlace[id];
    if (!place) return false;
    const at = places.get(place);
    for (let i = 0; i < 8 && !view.shownNodes.has(id); i++) {
      view.network.moveTo({ position: at, scale: view.network.getScale() * 2, animation: false });
      relayout(view);
    }
    return view.shownNodes.has(id);
  };
  const { note, showNote } = app.parts.mapNote(app, places);

  /* ---------- layout: clusters and rings at the current zoom ---------- */
  /* Zooms are taken in steps of 2^(1/8), so markers stay within 5% of their size and a zoom costs few updates. */
  const STEP = 8;
  const step = (scale) => Math.round(Math.log2(scale) * STEP);
  const ringRadius = (placeR, ring) => placeR + 4 + EVENT_PX + ring * GAP_PX;
  /* Events go on arcs over their place, from west to east in date order, leaving the place's label room below. */
  const ARC = (200 / 180) * Math.PI;
  const onRing = (radius) => Math.max(3, Math.floor((ARC * radius) / GAP_PX) + 1);
  /* How far a marker and its events reach, in screen pixels. */
  const reach = (placeR, events) => {
    let left = events;
    let ring = 0;
    while (left > 0) left -= onRing(ringRadius(placeR, ring++));
    return ring ? ringRadius(placeR, ring - 1) + EVENT_PX + 2 : placeR + 2;
  };
  const clusterReach = (c) => (c.folded ? c.r + 2 : reach(c.r, c.events.length));
  const shape = (c) => {
    c.r = c.members.length > 1 ? Math.max(11, placePx(c.events.length)) : placePx(c.events.length);
    c.folded = c.members.length > 1 && c.events.length > MAX_RING_EVENTS;
    c.reach = clusterReach(c);
  };
  const clustersAt = (scale, visible) => {
    const sel = app.state.selected;
    const chosen = sel && sel.type === "node" ? sel.id : null;
    const anchors = [];
    for (const [id, at] of places) {
      const events = (atPlace.get(id) || []).filter((e) => visible.has(e));
      if (visible.has(id) || events.length) anchors.push({ id, at, events, shown: visible.has(id) });
    }
    /* The selected place first, then the places with most events: they keep their marker. */
    anchors.sort(
      (a, b) =>
        Number(b.id === chosen) - Number(a.id === chosen) ||
        Number(b.shown) - Number(a.shown) ||
        b.events.length - a.events.length ||
        (a.id < b.id ? -1 : 1),
    );
    const clusters = [];
    const apart = (a, b) => Math.hypot(a.x - b.x, a.y - b.y) * scale >= a.reach + b.reach + 4;
    for (const a of anchors) {
      const mine = { x: a.at.x, y: a.at.y, members: [a.id], events: a.events, shown: a.shown };
      shape(mine);
      const near = clusters.find((c) => !apart(c, mine));
      if (!near) {
        clusters.push({ ...mine, id: a.id });
        continue;
      }
      near.members.push(a.id);
      near.events = near.events.concat(a.events);
      shape(near);
    }
    /* Grown clusters may now meet: merged until none does. */
    for (let merged = true; merged;) {
      merged = false;
      for (let i = 0; i < clusters.length && !merged; i++) {
        for (let j = i + 1; j < clusters.length && !merged; j++) {
          if (apart(clusters[i], clusters[j])) continue;
          clusters[i].members.push(...clusters[j].members);
          clusters[i].events = clusters[i].events.concat(clusters[j].events);
          shape(clusters[i]);
          clusters.splice(j, 1);
          merged = true;
        }
      }
    }
    return clusters;
  };

  const titles = new Map();
  const title = (c) => {
    const names = c.members.map((id) => app.byId.get(id).label);
    const events = `${c.events.length} event${c.events.length === 1 ? "" : "s"}`;
    if (c.members.length === 1) return titles.get(c.id);
    return `${names.length} places here: ${names.join(", ")}\n${events}; zoom in to separate them`;
  };
  /* The props of every map node for the current zoom and what is visible; sets view.shownNodes, view.clusters. */
  const layout = (view, visNodes) => {
    if (!titles.size) for (const n of visNodes) titles.set(n.id, n.title);
    const scale = 2 ** (step(view.network ? view.network.getScale() : fitScale(view)) / STEP);
    view.mapStep = step(scale);
    const visible = app.visible.nodes;
    const props = new Map();
    const shown = new Set();
    for (const id of view.nodes.getIds()) props.set(id, { hidden: true });
    for (const [id] of places) {
      const own = (atPlace.get(id) || []).filter((e) => visible.has(e)).length;
      props.set(id, { hidden: true, size: placePx(own) / scale, shape: app.byId.get(id).shape, title: titles.get(id) });
    }
    const clusters = clustersAt(scale, visible);
    view.suffix = new Map();
    for (const c of clusters) {
      const leader = c.members.find((id) => visible.has(id));
      if (leader) {
        const several = c.members.length > 1;
        props.set(leader, {
          hidden: false,
          x: c.x,
          y: c.y,
          size: c.r / scale,
          shape: several ? "dot" : app.byId.get(leader).shape,
          title: title(c),
        });
        shown.add(leader);
        if (several) view.suffix.set(app.byId.get(leader).short, ` +${c.members.length - 1}`);
      }
      c.leader = leader;
      if (c.folded) continue;
      let ring = 0;
      let i = 0;
      while (i < c.events.length) {
        const radius = ringRadius(c.r, ring);
        const room = onRing(radius);
        const count = Math.min(room, c.events.length - i);
        for (let k = 0; k < count; k++, i++) {
          const angle = -Math.PI / 2 + ((k - (count - 1) / 2) * ARC) / (room - 1);
          const id = c.events[i];
          const x = c.x + (radius * Math.cos(angle)) / scale;
          const y = c.y + (radius * Math.sin(angle)) / scale;
          props.set(id, { hidden: false, x, y, size: EVENT_PX / scale });
          shown.add(id);
        }
        ring++;
      }
    }
    view.clusters = clusters;
    view.shownNodes = shown;
    view.shownEdges = new Set();
    showNote(view);
    return props;
  };

  /* ---------- what a selection lights ---------- */
  const lit = (view, sel) => {
    if (!sel) {
      view.unmapped = "";
      showNote(view);
      return null;
    }
    const out = new Set();
    const add = (id) => {
      out.add(id);
      if (map.eventPlace[id]) out.add(map.eventPlace[id]);
    };
    if (sel.type === "node") {
      const n = app.byId.get(sel.id);
      add(sel.id);
      if (places.has(sel.id)) {
        /* A place: its events, the places within it and theirs. */
        for (const [id, above] of Object.entries(map.within)) if (above.includes(sel.id)) out.add(id);
        for (const [event, place] of Object.entries(map.eventPlace)) if (out.has(place)) out.add(event);
      } else if (n.kind !== kinds.event) {
        for (const event of app.eventsOf(sel.id)) add(event);
      }
    } else if (sel.type === "source") {
      for (const id of app.citing(sel.id).nodes) add(id);
    } else {
      const item = sel.type === "link" ? app.linkById.get(sel.id) : app.edgeById.get(sel.id);
      if (item) for (const id of [item.from, item.to]) add(id);
      if (sel.type === "link" && item) for (const [event] of item.events) add(event);
    }
    /* A marker that holds several places lights when one of them does. */
    for (const c of view.clusters || []) if (c.leader && c.members.some((id) => out.has(id))) out.add(c.leader);
    /* A selection that lights nothing on the map says so, in the note. */
    const n = sel.type === "node" && app.byId.get(sel.id);
    const none = n && ![...out].some((id) => view.shownNodes.has(id));
    view.unmapped = none ? `${n.label}: ${actorKinds.has(n.kind) ? "none of its events" : "not"} on the map` : "";
    showNote(view);
    return out;
  };

  /* ---------- drawing, and following the zoom ---------- */
  const attach = (view, relayout) => {
    note(view);
    view.box.appendChild(util.el("p", { className: "attribution", text: map.source }));
    const network = view.network;
    network.on("beforeDrawing", (ctx) => {
      ctx.save();
      ctx.scale(K, K);
      app.parts.basemap.draw(ctx, map.outlines, { ...INK, sea: INK.sea ?? SEA });
      ctx.restore();
    });
    network.on("afterDrawing", (ctx) => {
      app.parts.basemap.drawCounts(view, ctx);
      app.parts.basemap.drawNames(view, ctx, map.labels, K);
      if (step(network.getScale()) !== view.mapStep) relayout();
    });
    network.on("zoom", () => {
      if (step(network.getScale()) !== view.mapStep) relayout();
    });
    view.relayout = relayout;
  };
  /* vis-network keeps a position it is given as a whole number of units: a few pixels off when zoomed in, enough
     for events to touch. Each node is set where the layout put it. */
  const exact = (view, props) => {
    const body = view.network && view.network.body;
    if (!body) return;
    for (const [id, p] of props) {
      const node = body.nodes[id];
      if (node && p.x !== undefined) [node.x, node.y] = [p.x, p.y];
    }
  };

  return { K, items, layout, lit, fit, attach, relayout, exact, zoomInto, zoomTo };
};
