/* kgraph explorer, part "timelineGestures": how the reader moves the timeline's axis. The wheel zooms about
   the pointer (a sideways wheel, or shift and the wheel, pans); dragging the plot pans it and scrolls the
   lanes; two fingers pinch to zoom; the arrow keys pan, + and − zoom, 0 fits. `geom()` is where the last
   drawing put the plot (null before the first). */
(globalThis.kgraphParts ??= {}).timelineGestures = (options) => {
  "use strict";

  const { body, axisBox, scale, geom } = options;
  /* ---------- wheel: zoom (or pan, sideways) ---------- */
  const onWheel = (event) => {
    const g = geom();
    if (!g) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const px = event.clientX - rect.left;
    if (px < g.left && !event.ctrlKey) return; /* over the lane titles: scroll the lanes as usual */
    const deltaPx = event.deltaMode === 1 ? 33 : event.deltaMode === 2 ? 300 : 1;
    const dx = (event.shiftKey ? event.deltaY : event.deltaX) * deltaPx;
    const dy = event.shiftKey ? 0 : event.deltaY * deltaPx;
    event.preventDefault();
    const perPx = (g.hi - g.lo) / (g.right - g.left);
    if (Math.abs(dx) > Math.abs(dy)) scale.pan(dx * perPx);
    else scale.zoom(Math.exp(Math.max(-1, Math.min(1, dy * 0.002))), g.dayAt(Math.max(g.left, Math.min(g.right, px))));
  };
  body.addEventListener("wheel", onWheel, { passive: false });
  axisBox.addEventListener("wheel", onWheel, { passive: false });

  /* ---------- drag on the plot: pan (and scroll the lanes); two fingers: pinch to zoom ---------- */
  const pointers = new Map();
  let drag = null;
  let suppressClick = false;
  body.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || !geom()) return;
    pointers.set(event.pointerId, event.clientX);
    drag = {
      id: event.pointerId,
      x: event.clientX,
      y: event.clientY,
      view: { ...scale.view },
      scroll: body.scrollTop,
      moved: false,
      pinch: pointers.size === 2 ? { d: Math.abs([...pointers.values()][0] - [...pointers.values()][1]) } : null,
    };
  });
  body.addEventListener("pointermove", (event) => {
    if (!drag || !pointers.has(event.pointerId)) return;
    pointers.set(event.pointerId, event.clientX);
    const g = geom();
    const perPx = (drag.view.hi - drag.view.lo) / (g.right - g.left);
    if (drag.pinch && pointers.size === 2) {
      const [p, q] = [...pointers.values()];
      const d = Math.abs(p - q);
      if (d > 10 && drag.pinch.d > 10) {
        const rect = body.getBoundingClientRect();
        const mid = (p + q) / 2 - rect.left;
        const at = drag.view.lo + (mid - g.left) * perPx;
        const factor = drag.pinch.d / d;
        drag.moved = true;
        scale.set(at - (at - drag.view.lo) * factor, at + (drag.view.hi - at) * factor);
      }
      return;
    }
    if (event.pointerId !== drag.id) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      body.setPointerCapture(event.pointerId);
      body.classList.add("dragging");
    }
    body.scrollTop = drag.scroll - dy;
    scale.set(drag.view.lo - dx * perPx, drag.view.hi - dx * perPx);
  });
  const endDrag = (event) => {
    pointers.delete(event.pointerId);
    if (!drag) return;
    if (drag.moved) suppressClick = true;
    if (!pointers.size) {
      drag = null;
      body.classList.remove("dragging");
    }
  };
  body.addEventListener("pointerup", endDrag);
  body.addEventListener("pointercancel", endDrag);

  /* ---------- keys ---------- */
  body.addEventListener("keydown", (event) => {
    const g = geom();
    if (!g) return;
    const span = g.hi - g.lo;
    const actions = {
      ArrowLeft: () => scale.pan(-span * 0.2),
      ArrowRight: () => scale.pan(span * 0.2),
      "+": () => scale.zoom(1 / 1.6),
      "=": () => scale.zoom(1 / 1.6),
      "-": () => scale.zoom(1.6),
      0: () => scale.fit(),
    };
    if (actions[event.key]) {
      event.preventDefault();
      actions[event.key]();
    }
  });

  /* A click that ends a drag is no click: true (once) when the last pointer release ended one. */
  const dragged = () => {
    const was = suppressClick;
    suppressClick = false;
    return was;
  };
  return { dragged };
};
