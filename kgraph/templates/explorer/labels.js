/* kgraph explorer, part "labels": node labels a person can read. vis-network draws no labels of its own; after
   each frame this part draws them at a fixed size on screen (FONT_PX, whatever the zoom), in order of
   importance (the selection, what it lights up, then the largest nodes), and leaves out any label that would
   cover one already drawn, or fall off the canvas or under a phone's sheet. It frames a view's first look so
   that every node, and a label under it, is on the canvas (fit, stretch). It also finds the edge nearest a click
   that missed, so thin edges are easy to hit. */
(globalThis.kgraphParts ??= {}).labels = (() => {
  "use strict";

  const FONT_PX = 13;
  const FONT = `${FONT_PX}px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif`;
  const PAD = 2;
  const HIT_PX = 9;
  const drawnBy = new WeakMap();
  const workBy = new WeakMap();
  /* Text widths at FONT, measured once each. */
  const widths = new Map();
  const measure = (ctx, text) => {
    if (!widths.has(text)) widths.set(text, ctx.measureText(text).width);
    return widths.get(text);
  };

  const overlaps = (a, b) => a.id !== b.id && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

  /* A grid of drawn boxes, so each new label is checked against its neighbours only. */
  const grid = (cell) => {
    const cells = new Map();
    const keys = (box) => {
      const out = [];
      for (let i = Math.floor(box.x / cell); i <= Math.floor((box.x + box.w) / cell); i++) {
        for (let j = Math.floor(box.y / cell); j <= Math.floor((box.y + box.h) / cell); j++) out.push(`${i},${j}`);
      }
      return out;
    };
    return {
      /* Whether a box covers nothing drawn but what `mayCover` allows. */
      free: (box, mayCover = () => false) =>
        keys(box).every((k) => !(cells.get(k) || []).some((other) => !mayCover(other) && overlaps(box, other))),
      add: (box) => {
        for (const k of keys(box)) {
          if (!cells.has(k)) cells.set(k, []);
          cells.get(k).push(box);
        }
      },
    };
  };

  /* The order labels are tried in: selection first, then what it lights, then by size (largest first). */
  const order = (view, app) => {
    const sel = app.state.selected;
    const rank = (id) => {
      if (sel && sel.type === "node" && sel.id === id) return 0;
      if (view.lit && view.lit.has(id)) return 1;
      return view.lit ? 3 : 2;
    };
    return [...view.shownNodes]
      .map((id) => [rank(id), -(view.nodes.get(id).size || 0), id])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  };

  const draw = (view, ctx) => {
    const { app } = view;
    const network = view.network;
    const canvas = ctx.canvas;
    const ratio = canvas.width / canvas.clientWidth || 1;
    const width = canvas.clientWidth;
    /* Labels go where they can be read: on a phone, above the sheet (the saved image has no sheet: all of it). */
    const height = app.whole || !app.sheet ? canvas.clientHeight : app.sheet.inSight(canvas);
    const ids = order(view, app);
    const positions = network.getPositions(ids.map((entry) => entry[2]));
    const scale = network.getScale();
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = FONT;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    const boxes = grid(64);
    const drawn = [];
    /* A frame's work, for the tests: the places checked against what is drawn, those checked before in the same
       frame (none: see the tries below), and the tries at labelling what the selection lights. */
    const work = { checks: 0, again: 0, tries: 0 };
    const free = (box, mayCoverIt) => {
      work.checks++;
      if (box.checked) work.again++;
      box.checked = true;
      return boxes.free(box, mayCoverIt);
    };
    /* Nodes first: a label covers no node but its own, save where mayCover (below) allows it. */
    for (const [rank, , id] of ids) {
      const at = network.canvasToDOM(positions[id]);
      if (at.x < -50 || at.y < -50 || at.x > width + 50 || at.y > height + 50) continue;
      const r = (view.nodes.get(id).size || 10) * scale;
      const nodeBox = { x: at.x - r, y: at.y - r, w: 2 * r, h: 2 * r, id, node: true, greyed: rank === 3 };
      boxes.add(nodeBox);
    }
    /* Where a node's label may go, on the canvas: below the node, else above it, else below or above it to the
       right or to the left (at a canvas's edge), else to its right or left. */
    const spots = (id) => {
      const at = network.canvasToDOM(positions[id]);
      if (at.x < -200 || at.y < -40 || at.x > width + 200 || at.y > height + 40) return []; /* off the canvas */
      const n = app.byId.get(id);
      const text = view.marked(n.short, n.stance);
      const radius = (view.nodes.get(id).size || 10) * scale;
      const w = measure(ctx, text) + 2 * PAD;
      const h = FONT_PX + 2 * PAD;
      return [
        [at.x - w / 2, at.y + radius + 2],
        [at.x - w / 2, at.y - radius - 2 - h],
        [at.x - radius, at.y + radius + 2],
        [at.x + radius - w, at.y + radius + 2],
        [at.x - radius, at.y - radius - 2 - h],
        [at.x + radius - w, at.y - radius - 2 - h],
        [at.x + radius + 3, at.y - h / 2],
        [at.x - radius - 3 - w, at.y - h / 2],
      ]
        .map(([x, y]) => ({ x, y, w, h, id, size: FONT_PX, text }))
        .filter((box) => box.x >= 0 && box.y >= 0 && box.x + w <= width && box.y + h <= height);
    };
    /* The selection's label may cover any node, and the labels of what it lights a greyed one, so that greyed
       nodes crowding them leave them room; no label ever covers another. */
    const mayCover = (rank) => (rank === 0 ? (other) => other.node : rank === 1 ? (other) => other.greyed : undefined);
    const paint = (rank, box) => {
      boxes.add(box);
      drawn.push(box);
      ctx.lineWidth = 3;
      ctx.strokeStyle = app.INK.halo;
      ctx.strokeText(box.text, box.x + box.w / 2, box.y + PAD);
      ctx.fillStyle = rank === 3 ? app.INK.dimText : app.INK.text;
      ctx.fillText(box.text, box.x + box.w / 2, box.y + PAD);
    };
    const label = (rank, id) => {
      const box = spots(id).find((candidate) => free(candidate, mayCover(rank)));
      if (box) paint(rank, box);
    };
    for (const [rank, , id] of ids.filter((entry) => entry[0] === 0)) label(rank, id);
    /* What the selection lights, largest first; if that leaves some out, tried again (up to twice) with those
       first, where one's only free place was taken by a neighbour that had others. The try that labels the most
       is drawn. Each one's places free of what is drawn so far are found once, before the tries (nothing is
       drawn while they run), so a try only checks the labels it has placed itself: on a hub lighting 1,500
       nodes the three tries cost about what one did. One with no free place cannot be labelled, and is left
       out of the tries: it placed nothing in any of them. */
    const lit = [];
    for (const [rank, , id] of ids) {
      if (rank !== 1) continue;
      const open = spots(id).filter((candidate) => free(candidate, mayCover(rank)));
      if (open.length) lit.push({ rank, open });
    }
    const attempt = (entries) => {
      work.tries++;
      const mine = grid(64);
      const placed = [];
      const left = [];
      for (const entry of entries) {
        const box = entry.open.find((candidate) => mine.free(candidate));
        if (box) {
          mine.add(box);
          placed.push([entry.rank, box]);
        } else left.push(entry);
      }
      return { placed, left };
    };
    let best = attempt(lit);
    for (let round = 0, tried = best; round < 2 && tried.left.length; round++) {
      const left = new Set(tried.left);
      tried = attempt([...tried.left, ...lit.filter((entry) => !left.has(entry))]);
      if (tried.placed.length > best.placed.length) best = tried;
    }
    for (const [rank, box] of best.placed) paint(rank, box);
    for (const [rank, , id] of ids.filter((entry) => entry[0] > 1)) label(rank, id);
    /* Then edge labels, at their middles: the selection's edges, and the others too when zoomed in on a small graph. */
    if (view.name === "full") {
      const sel = app.state.selected;
      const touches = (e) => sel && sel.type === "node" && (e.from === sel.id || e.to === sel.id);
      const edges = [...view.shownEdges].map((id) => app.edgeById.get(id));
      const wanted = edges.filter((e) => touches(e) || (app.data.edgeLabels && scale >= 1));
      wanted.sort((a, b) => Number(touches(b)) - Number(touches(a)));
      const ends = network.getPositions();
      for (const e of wanted) {
        if (!ends[e.from] || !ends[e.to]) continue;
        const a = network.canvasToDOM(ends[e.from]);
        const b = network.canvasToDOM(ends[e.to]);
        const text = view.marked(e.label, e.stance);
        const w = measure(ctx, text) + 2 * PAD;
        const h = FONT_PX + 2 * PAD;
        const box = { x: (a.x + b.x) / 2 - w / 2, y: (a.y + b.y) / 2 - h / 2, w, h, id: e.id, size: FONT_PX, text };
        if (box.x < 0 || box.y < 0 || box.x + w > width || box.y + h > height || !free(box)) continue;
        boxes.add(box);
        drawn.push(box);
        ctx.lineWidth = 3;
        ctx.strokeStyle = app.INK.halo;
        ctx.strokeText(text, box.x + w / 2, box.y + PAD);
        ctx.fillStyle = touches(e) ? app.INK.text : app.INK.edgeText;
        ctx.fillText(text, box.x + w / 2, box.y + PAD);
      }
    }
    ctx.restore();
    drawnBy.set(view, drawn);
    workBy.set(view, work);
  };

  /* The first look at a view: its nodes wholly on the canvas, in the middle 1/SPAN of it as vis-network's own fit
     has them, with room under the lowest for its label, at 1:1 at most. A label keeps its size whatever the zoom,
     so no zoom makes room for one as wide as a phone: a node's label at a side of the canvas goes under it towards
     the middle instead (spots, in draw). Gives where to look and the scale, or null for a canvas with no room. */
  const SPAN = 1.1;
  const BELOW = 2 + FONT_PX + 2 * PAD; /* a label's height under its node */
  const extent = (view, ids, positions) => {
    const e = { x0: Infinity, x1: -Infinity, y0: Infinity, y1: -Infinity };
    for (const id of ids) {
      const { x, y } = positions[id];
      const r = view.nodes.get(id).size || 10;
      Object.assign(e, { x0: Math.min(e.x0, x - r), x1: Math.max(e.x1, x + r) });
      Object.assign(e, { y0: Math.min(e.y0, y - r), y1: Math.max(e.y1, y + r) });
    }
    return e;
  };
  const room = (view) => {
    const canvas = view.box.querySelector("canvas");
    return { x: canvas.clientWidth / SPAN, y: canvas.clientHeight / SPAN - BELOW };
  };
  const framing = (view, ids, positions) => {
    const { x, y } = room(view);
    if (!ids.length || x <= 0 || y <= 0) return null;
    const e = extent(view, ids, positions);
    const scale = Math.min(1, x / (e.x1 - e.x0 || 1), y / (e.y1 - e.y0 || 1));
    return { position: { x: (e.x0 + e.x1) / 2, y: (e.y0 + e.y1) / 2 + BELOW / 2 / scale }, scale };
  };
  const fit = (view, ids) => {
    const camera = framing(view, ids, view.network.getPositions(ids));
    if (camera) view.network.moveTo({ ...camera, animation: false });
    else view.network.fit({ nodes: ids, animation: false });
  };
  /* A laid-out drawing stretched to the shape of the room on the canvas, so that the first view fills it, by up to
     STRETCH times one way; then, where the fit would draw the nodes so small that they shrink to dots (under
     CLOSE), brought closer together, each way as far as that way needs, so that it zooms in. */
  const STRETCH = 2.5;
  const CLOSE = 0.6;
  const stretch = (view, ids) => {
    const positions = view.network.getPositions(ids);
    const { x: rx, y: ry } = room(view);
    if (ids.length < 3 || rx <= 0 || ry <= 0) return;
    const e = extent(view, ids, positions);
    const [w, h] = [e.x1 - e.x0 || 1, e.y1 - e.y0 || 1];
    const ratio = rx / ry / (w / h);
    const [fx, fy] = ratio > 1 ? [Math.min(ratio, STRETCH), 1] : [1, Math.min(1 / ratio, STRETCH)];
    const scale = Math.min(rx / (w * fx), ry / (h * fy));
    const closer = (fits) => (scale < CLOSE ? Math.min(1, fits / CLOSE) : 1);
    const [cx, cy] = [fx * closer(rx / (w * fx)), fy * closer(ry / (h * fy))];
    for (const [id, p] of Object.entries(positions)) view.network.moveNode(id, p.x * cx, p.y * cy);
  };

  /* The labels drawn in the last frame of a view: their boxes in CSS pixels of the canvas, and font size. */
  const drawn = (view) =>
    (drawnBy.get(view) || []).map(({ x, y, w, h, id, size, text }) => ({ x, y, w, h, id, size, text }));

  /* The work of the last frame of a view (see draw). */
  const work = (view) => ({ ...workBy.get(view) });

  /* The shown edge nearest a point (CSS pixels of the canvas), if one passes within HIT_PX of it. */
  const nearestEdge = (view, point) => {
    const network = view.network;
    let best = null;
    let bestDistance = HIT_PX;
    const ends = network.getPositions();
    for (const id of view.shownEdges) {
      const e = view.edges.get(id);
      if (!ends[e.from] || !ends[e.to]) continue;
      const a = network.canvasToDOM(ends[e.from]);
      const b = network.canvasToDOM(ends[e.to]);
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const length = dx * dx + dy * dy;
      const t = length ? Math.max(0, Math.min(1, ((point.x - a.x) * dx + (point.y - a.y) * dy) / length)) : 0;
      const distance = Math.hypot(point.x - (a.x + t * dx), point.y - (a.y + t * dy));
      if (distance < bestDistance) {
        best = id;
        bestDistance = distance;
      }
    }
    return best;
  };

  return { draw, drawn, work, nearestEdge, fit, stretch, FONT_PX };
})();
