/* kgraph explorer, part "mapNote": the map's note, in its corner, of what the time window and the filters show
   that is not on the map: places without coordinates and events with no place on it, counted, listed in its
   tooltip and, opened, as buttons that select each one. `places` are the map's placed places, by id. */
(globalThis.kgraphParts ??= {}).mapNote = (app, places) => {
  "use strict";

  const { data, util } = app;
  const { kinds } = data;
  const map = data.map;

  const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;
  const showNote = (view) => {
    if (!view.note) return;
    const visible = app.visible.nodes;
    const missing = { places: [], events: [] };
    for (const n of data.nodes) {
      if (!visible.has(n.id)) continue;
      if (n.kind === kinds.place && !places.has(n.id)) missing.places.push(n);
      if (n.kind === kinds.event && !map.eventPlace[n.id]) missing.events.push(n);
    }
    const parts = [];
    if (missing.places.length) parts.push(`${plural(missing.places.length, "place")} without coordinates`);
    if (missing.events.length) parts.push(`${plural(missing.events.length, "event")} with no place on the map`);
    const key = JSON.stringify([missing.places.map((n) => n.id), missing.events.map((n) => n.id), view.unmapped]);
    if (key === view.noteKey) return;
    view.noteKey = key;
    view.note.hidden = parts.length === 0 && !view.unmapped;
    const summary = [view.unmapped, parts.length ? `Not on the map: ${parts.join(", ")}` : ""].filter(Boolean);
    const groups = [
      ["Places without coordinates", missing.places],
      ["Events with no place on the map", missing.events],
    ].filter(([, nodes]) => nodes.length);
    /* Each one a button that selects it (in a view that draws it); the tooltip lists them all. */
    const list = (nodes) =>
      util.el(
        "ul",
        {},
        ...nodes.map((n) =>
          util.el("li", {}, util.el("button", { type: "button", "data-id": n.id, title: n.label, text: n.label })),
        ),
      );
    view.note.title = groups
      .map(([heading, nodes]) => `${heading}: ${nodes.map((n) => n.label).join("; ")}`)
      .join("\n");
    view.note.replaceChildren(
      util.el("summary", {}, ...summary.flatMap((line, i) => [i ? util.el("br") : null, line])),
      ...groups.flatMap(([heading, nodes]) => [util.el("p", { text: `${heading}:` }), list(nodes)]),
    );
  };
  const note = (view) => {
    const element = util.el("details", { className: "map-note" });
    element.addEventListener("click", (event) => {
      const id = event.target.closest("button[data-id]")?.dataset.id;
      if (id) app.select(id, { show: true });
    });
    view.box.appendChild(element);
    view.note = element;
  };

  return { note, showNote };
};
