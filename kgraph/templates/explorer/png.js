/* kgraph explorer, part "png": the current view saved as a PNG image that stands on its own: the drawing, and
   under it a strip that says what it shows (the view, the time window, the filters, the selection), the
   colours of what is drawn, and where the data and the map come from. */
(globalThis.kgraphParts ??= {}).png = (app) => {
  "use strict";

  const { data, state, util, INK } = app;
  const FONT = "13px system-ui, sans-serif";
  const LINE = 18;

  /* What the image shows, in words: one line each. */
  const caption = () => {
    const { start, end, mode } = state.window;
    const lines = [`${document.title} · ${app.viewName(state.view)}`];
    if (app.extent && (start !== null || end !== null)) {
      const words = mode === "within" ? "certainly in" : "could fall in";
      lines.push(`Time window: ${words} ${util.windowText(start, end)}`);
    }
    const off = Object.entries(state.off).flatMap(([, values]) => [...values].map(util.spaced));
    if (off.length) lines.push(`Hidden: ${off.join(", ")}`);
    if (state.disputedOnly) lines.push("Only what is disputed or denied");
    if (state.claimant) lines.push(`Claimed or relayed by ${app.byId.get(state.claimant)?.label ?? state.claimant}`);
    const sel = state.selected;
    if (sel && sel.type === "node") lines.push(`Selected: ${app.byId.get(sel.id).label}`);
    if (sel && sel.type === "source")
      lines.push(`What this source says: ${app.sourceById.get(sel.id).title || sel.id}`);
    if (sel && sel.type === "link") {
      const link = app.linkById.get(sel.id);
      lines.push(`Selected: ${app.byId.get(link.from).label} — ${app.byId.get(link.to).label}`);
    }
    if (sel && sel.type === "edge") {
      const e = app.edgeById.get(sel.id);
      lines.push(`Selected: ${app.byId.get(e.from).label} — ${e.label} → ${app.byId.get(e.to).label}`);
    }
    return lines;
  };
  /* The legend's swatches: node kinds, and event types when events are drawn. */
  const swatches = () => {
    const out = data.legend.nodes
      .filter((k) => state.view !== "actors" || data.actorKinds.includes(k.name))
      .filter((k) => k.name !== data.kinds.event)
      .map((k) => [k.name, k.color]);
    if (state.view !== "actors") {
      const shown = new Set(app.shownEvents().map((id) => app.byId.get(id).type));
      for (const [type, color] of Object.entries(data.typeColors))
        if (shown.has(type)) out.push([util.spaced(type), color]);
    }
    return out;
  };
  const credits = () =>
    [state.view === "map" && data.map ? data.map.source : null, "Drawn by kgraph from annotated sources"].filter(
      Boolean,
    );

  /* Lays the strip out for a width: the lines of text, then the swatches flowing over as many rows as needed. */
  const strip = (ctx, width, ratio) => {
    ctx.font = FONT;
    const pad = 12;
    const rows = [];
    let row = [];
    let x = pad;
    for (const [name, color] of swatches()) {
      const w = 18 + ctx.measureText(name).width + 14;
      if (x + w > width / ratio - pad && row.length) {
        rows.push(row);
        row = [];
        x = pad;
      }
      row.push({ name, color, x });
      x += w;
    }
    if (row.length) rows.push(row);
    const text = caption();
    const credit = credits();
    const height = pad * 2 + LINE * (text.length + rows.length + credit.length);
    return { pad, text, rows, credit, height };
  };

  /* The image: the view's canvas as drawn, on white, with the strip beneath. It shows the view as the reader
     sees it without the panel: the panel, which narrows the graph on a wide screen, is hidden while the canvas is
     drawn again (vis-network widens it and scales the view as it does when the panel closes; a view the reader has
     not moved since it was fitted is fitted again, as main does then), and on a phone the view goes back to where
     it was before the sheet moved it; labels go all over it. Then all is put back. */
  const render = () => {
    const view = app.views.get(state.view);
    const { network } = view;
    const canvas = view.box.querySelector("canvas");
    const panel = document.getElementById("panel");
    const open = !panel.hidden;
    const camera = { position: network.getViewPosition(), scale: network.getScale() };
    const fitted = app.unmoved(view);
    panel.hidden = true;
    if (open && view.beforeSheet) network.moveTo({ ...view.beforeSheet, animation: false });
    if (open) network.redraw(); /* at its new size (the map lays its markers out again for the zoom) */
    if (open && fitted) app.fit(); /* as the screen will show it once the panel closes */
    app.whole = true;
    network.redraw();
    app.whole = false;
    const ratio = canvas.width / Math.max(canvas.clientWidth, 1);
    const out = util.el("canvas");
    const probe = out.getContext("2d");
    const layout = strip(probe, canvas.width, ratio);
    out.width = canvas.width;
    out.height = canvas.height + Math.ceil(layout.height * ratio);
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    /* and back to what the screen shows */
    panel.hidden = !open;
    if (open) {
      network.redraw();
      network.moveTo({ ...camera, animation: false });
    }
    network.redraw();
    ctx.save();
    ctx.translate(0, canvas.height);
    ctx.scale(ratio, ratio);
    ctx.strokeStyle = INK.dimBorder;
    ctx.beginPath();
    ctx.moveTo(0, 0.5);
    ctx.lineTo(out.width / ratio, 0.5);
    ctx.stroke();
    ctx.font = FONT;
    ctx.textBaseline = "middle";
    let y = layout.pad + LINE / 2;
    for (const [i, line] of layout.text.entries()) {
      ctx.fillStyle = i === 0 ? INK.strong : INK.edgeText;
      ctx.fillText(line, layout.pad, y);
      y += LINE;
    }
    for (const row of layout.rows) {
      for (const { name, color, x } of row) {
        ctx.fillStyle = color;
        ctx.fillRect(x, y - 6, 12, 12);
        ctx.fillStyle = INK.text;
        ctx.fillText(name, x + 18, y);
      }
      y += LINE;
    }
    ctx.fillStyle = INK.edgeText;
    for (const line of layout.credit) {
      ctx.fillText(line, layout.pad, y);
      y += LINE;
    }
    ctx.restore();
    return out;
  };
  const save = () => {
    const link = util.el("a", { href: render().toDataURL("image/png"), download: `kgraph-${state.view}.png` });
    document.body.appendChild(link);
    link.click();
    link.remove();
  };
  return { save, caption };
};
