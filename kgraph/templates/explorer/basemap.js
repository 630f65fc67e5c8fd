/* kgraph explorer, part "basemap": the map view's country outlines, drawn under the network. The outlines come
   with the page's data (Natural Earth, reduced by kgraph, projected in Python into the units of vis-network's node
   positions); nothing is fetched. draw() is called from vis-network's "beforeDrawing" event, on a context already
   moved and scaled to network coordinates: the land is filled and its borders stroked about one CSS pixel wide,
   whatever the zoom. Each set of outlines is turned into one Path2D once, so panning and zooming only redraw it.
   Over the network, it writes country names and the number of places a marker holds (part "mapview"). */
(globalThis.kgraphParts ??= {}).basemap = (() => {
  "use strict";

  const LINE_PX = 1;
  const paths = new WeakMap();

  /* One path of every ring (flat [x, y, x, y, ...] arrays); rings of fewer than three points are skipped. */
  const pathOf = (outlines) => {
    let path = paths.get(outlines);
    if (!path) {
      path = new Path2D();
      for (const ring of outlines) {
        if (!Array.isArray(ring) || ring.length < 6) continue;
        path.moveTo(ring[0], ring[1]);
        for (let i = 2; i + 1 < ring.length; i += 2) path.lineTo(ring[i], ring[i + 1]);
        path.closePath();
      }
      paths.set(outlines, path);
    }
    return path;
  };

  /* Fills and strokes the outlines on ctx; colors.land (or .fill) for the land, colors.coast (or .stroke) for
     the borders, and colors.sea, if given, for the whole canvas under them. */
  const draw = (ctx, outlines, colors = {}) => {
    if (!Array.isArray(outlines) || outlines.length === 0) return;
    const path = pathOf(outlines);
    const { a, b } = ctx.getTransform();
    const scale = Math.hypot(a, b) || 1;
    const ratio = globalThis.devicePixelRatio || 1;
    ctx.save();
    if (colors.sea) {
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = colors.sea;
      ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      ctx.restore();
    }
    ctx.fillStyle = colors.land ?? colors.fill ?? "#eceae4";
    ctx.fill(path);
    ctx.strokeStyle = colors.coast ?? colors.stroke ?? "#b9b4a8";
    ctx.lineWidth = (LINE_PX * ratio) / scale;
    ctx.lineJoin = "round";
    ctx.stroke(path);
    ctx.restore();
  };

  /* ---------- on the network: clusters' counts and country names, at a fixed size on screen ---------- */
  const FAMILY = `system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif`;
  const NAME_PX = 12;
  const onScreen = (ctx) => {
    const canvas = ctx.canvas;
    const ratio = canvas.width / canvas.clientWidth || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    return { width: canvas.clientWidth, height: canvas.clientHeight };
  };

  /* The number of places a marker of several places holds, in its middle. */
  const drawCounts = (view, ctx) => {
    const several = (view.clusters || []).filter((c) => c.leader && c.members.length > 1);
    if (!several.length) return;
    ctx.save();
    onScreen(ctx);
    ctx.font = `bold 11px ${FAMILY}`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillStyle = "#fff";
    for (const c of several) {
      const at = view.network.canvasToDOM({ x: c.x, y: c.y });
      ctx.fillText(String(c.members.length), at.x, at.y + 0.5);
    }
    ctx.restore();
  };

  /* Country names at their label points (labels: {name, x, y, w} in projected units, k canvas units each), the
     widest countries first; a name is left out where its land is narrower than it on screen, or where it would
     cover a node, a node's label or another name. Returns the boxes drawn, in CSS pixels of the canvas. */
  const drawNames = (view, ctx, labels, k = 1) => {
    if (!Array.isArray(labels) || !labels.length) return [];
    const network = view.network;
    const scale = network.getScale();
    ctx.save();
    const { width, height } = onScreen(ctx);
    const taken = [...view.app.parts.labels.drawn(view)];
    const positions = network.getPositions([...view.shownNodes]);
    for (const [id, p] of Object.entries(positions)) {
      const at = network.canvasToDOM(p);
      const r = (view.nodes.get(id).size || 5) * scale + 2;
      taken.push({ x: at.x - r, y: at.y - r, w: 2 * r, h: 2 * r });
    }
    const hits = (a) => taken.some((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h);
    ctx.font = `600 ${NAME_PX}px ${FAMILY}`;
    ctx.letterSpacing = "1px";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    const drawn = [];
    for (const label of [...labels].sort((a, b) => b.w - a.w || (a.name < b.name ? -1 : 1))) {
      const text = label.name.toUpperCase();
      const w = ctx.measureText(text).width + 4;
      const h = NAME_PX + 4;
      const centre = network.canvasToDOM({ x: label.x * k, y: label.y * k });
      /* At its point, else moved as far as its land allows, to make room for what is drawn there. */
      const reach = (label.r || 0) * k * scale - h / 2;
      const shifts = [0, 1, 2, 3]
        .flatMap((i) => [
          [0, -i * h],
          [0, i * h],
        ])
        .filter(([, dy]) => Math.abs(dy) <= reach);
      if (w > label.w * k * scale) continue;
      const box = shifts
        .map(([dx, dy]) => ({ x: centre.x + dx - w / 2, y: centre.y + dy - h / 2, w, h, text, size: NAME_PX }))
        .find((b) => b.x >= 0 && b.y >= 0 && b.x + w <= width && b.y + h <= height && !hits(b));
      if (!box) continue;
      const at = { x: box.x + w / 2, y: box.y + h / 2 };
      taken.push(box);
      drawn.push(box);
      ctx.strokeStyle = "rgba(236, 234, 228, 0.9)";
      ctx.strokeText(text, at.x, at.y);
      ctx.fillStyle = "#8a8472";
      ctx.fillText(text, at.x, at.y);
    }
    ctx.restore();
    view.names = drawn;
    return drawn;
  };

  return { draw, drawCounts, drawNames };
})();
