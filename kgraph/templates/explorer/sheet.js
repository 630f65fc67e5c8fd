/* kgraph explorer, part "sheet": on a phone the panel is a sheet over the bottom of the graph. A selection
   it would cover moves up into the part of the graph it leaves, with what the selection lights, zoomed so
   that their labels have room; when the sheet closes, the view goes back to where it was. Labels are drawn
   only in that part (inSight). */
(globalThis.kgraphParts ??= {}).sheet = (app) => {
  "use strict";

  const { state } = app;
  const narrow = window.matchMedia("(max-width: 760px)");
  const sheet = () => document.getElementById("panel");
  /* How far down an element (a view's canvas) is in sight, in CSS pixels from its top: all of it, unless the
     sheet is up over its bottom. */
  const inSight = (element) => {
    const height = element.clientHeight;
    const panel = sheet();
    if (!narrow.matches || panel.hidden) return height;
    const top = panel.getBoundingClientRect().top - element.getBoundingClientRect().top;
    return Math.max(0, Math.min(height, top));
  };
  let last = "";
  const keepClear = (view) => {
    /* A view still laying itself out has no positions yet: main calls again once it has settled. */
    if (view.network.physics.physicsEnabled) return;
    const sel = state.selected;
    /* Only when the selection (or the view) changes: a filter or the window changed later keeps the reader's pan. */
    const key = sel ? `${view.name}|${sel.type}:${sel.id}` : "";
    if (key === last && sel) return;
    last = key;
    if (!sel && view.beforeSheet) {
      /* The sheet closed: the view goes back to where it was before the sheet moved it. vis-network works the
         move out from where the view is, which can leave the last digit off: moved again from there, it is. */
      const { position, scale } = view.beforeSheet;
      for (let i = 0; i < 4; i++) {
        view.network.moveTo({ position, scale, animation: false });
        const at = view.network.getViewPosition();
        if (at.x === position.x && at.y === position.y) break;
      }
      view.beforeSheet = null;
    }
    if (!narrow.matches || !sel || sel.type !== "node" || sheet().hidden || !view.nodes.get(sel.id)) return;
    const box = view.box.getBoundingClientRect();
    const top = sheet().getBoundingClientRect().top - box.top;
    /* The selection and what it lights, all in the part of the graph the sheet leaves (room for labels around). */
    const ids = [sel.id, ...[...(view.lit || [])].filter((id) => id !== sel.id && view.shownNodes.has(id))];
    const points = Object.values(view.network.getPositions(ids));
    const doms = points.map((p) => view.network.canvasToDOM(p));
    const fits = (p) => p.y > 24 && p.y < top - 32 && p.x > 24 && p.x < box.width - 24;
    if (doms.every(fits)) return;
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    const w = Math.max(...xs) - Math.min(...xs);
    const h = Math.max(...ys) - Math.min(...ys);
    /* Zoomed to fill that part (at most to 1.5), so that their labels have room. */
    const scale = Math.min(1.5, (box.width - 96) / (w || 1), (top - 80) / (h || 1));
    const centre = { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
    view.beforeSheet ??= { position: view.network.getViewPosition(), scale: view.network.getScale() };
    view.network.moveTo({ position: centre, scale, offset: { x: 0, y: top / 2 - box.height / 2 }, animation: false });
  };
  return { keepClear, inSight };
};
