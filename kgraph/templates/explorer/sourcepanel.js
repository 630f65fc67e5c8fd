/* kgraph explorer, part "sourcePanel": the panel of a source, opened from any quote's source. It says what the
   source is (title, outlet, when it was published and how that date was worked out, language, address, notes)
   and everything it says: the events it reports, the relations it gives, the entities it names. A title the
   annotator supplied, where the document has none, is in square brackets and said to be so. */
(globalThis.kgraphParts ??= {}).sourcePanel = (app, pieces) => {
  "use strict";

  const { el, field, nodeLink, summaryBadge } = pieces;
  const { data, util } = app;
  const { kinds } = data;

  const show = (id) => {
    const s = app.sourceById.get(id);
    const supplied = String(s.title || "").startsWith("[");
    const list = el("dl");
    field(list, "id", id);
    field(list, "outlet", s.outlet || "not given");
    field(list, "published", s.published);
    field(list, "dated by", s.published_basis ? util.spaced(s.published_basis) : null);
    field(list, "date note", s.published_note);
    field(list, "language", s.language);
    field(list, "address", s.url); /* as text: the page opens nothing */
    field(list, "notes", s.notes);
    const { nodes, edges } = app.citing(id);
    const events = nodes.filter((n) => app.byId.get(n).kind === kinds.event);
    const named = nodes.filter((n) => app.byId.get(n).kind !== kinds.event);
    const content = [
      el("h2", { className: "title", text: s.title || id }),
      el("span", { className: "badge", text: "source" }),
      supplied ? el("p", { className: "hint", text: "Title supplied by the annotator: the document has none." }) : null,
      list,
    ];
    if (events.length) {
      const item = (n) => el("li", {}, nodeLink(n), " ", summaryBadge(app.byId.get(n)));
      content.push(el("h2", { text: `Events it reports (${events.length})` }), el("ul", {}, ...events.map(item)));
    }
    if (edges.length) {
      const item = (e) => el("li", {}, nodeLink(e.from), ` ${e.label} `, nodeLink(e.to), " ", summaryBadge(e));
      const relations = edges.map((x) => app.edgeById.get(x));
      content.push(el("h2", { text: `Relations it gives (${edges.length})` }), el("ul", {}, ...relations.map(item)));
    }
    if (named.length) {
      content.push(
        el("h2", { text: `Entities it names (${named.length})` }),
        el("p", {}, ...util.joined(named.map(nodeLink))),
      );
    }
    return content;
  };
  return { show };
};
