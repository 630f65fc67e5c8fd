/* kgraph explorer, part "basemap": the map view's country outlines, drawn under the network. The outlines come
   with the page's data (Natural Earth, reduced by kgraph, projected in Python into the units of vis-network's node
   positions); nothing is fetched. draw() is called from vis-network's "beforeDrawing" event, on a context already
   moved and scaled to network coordinates: the land is filled and its borders stroked about one CSS pixel wide,
   whatever the zoom. Each set of outlines is turned into one Path2D once, so panning and zooming only redraw it. */
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
     the borders. */
  const draw = (ctx, outlines, colors = {}) => {
    if (!Array.isArray(outlines) || outlines.length === 0) return;
    const path = pathOf(outlines);
    const { a, b } = ctx.getTransform();
    const scale = Math.hypot(a, b) || 1;
    const ratio = globalThis.devicePixelRatio || 1;
    ctx.save();
    ctx.fillStyle = colors.land ?? colors.fill ?? "#eceae4";
    ctx.fill(path);
    ctx.strokeStyle = colors.coast ?? colors.stroke ?? "#b9b4a8";
    ctx.lineWidth = (LINE_PX * ratio) / scale;
    ctx.lineJoin = "round";
    ctx.stroke(path);
    ctx.restore();
  };

  return { draw };
})();
