/* kgraph explorer, part "visible": what passes the time window and the filters. The window asks the same
   question as kgraph's Python API; the filters hide by kind, type, role or relation; the evidence filters
   keep events and relations by their quotes, and entities while something shown touches them. It sets
   app.visible ({nodes, edges}: sets of ids), app.passes, app.isShown, app.shownEvents and app.quotesOf. */
(globalThis.kgraphParts ??= {}).visible = (app) => {
  "use strict";

  const { data, parts, state, util } = app;
  const { kinds } = data;

  /* The same question as kgraph's Python API (kgraph.overlapping, kgraph.within), on the widened bounds;
     something with no date at all is timeless, and in every window. */
  const inWindow = (item) => {
    const t = app.times(item);
    if (t.every((d) => d === null)) return true;
    return parts.window.admits(state.window, [t[2] ?? t[0], t[3] ?? t[1]]);
  };
  /* A filter group hides the nodes or edges (of its kind, or of any) whose attribute has an unticked value. */
  const filteredOut = (item, items) =>
    data.filters.some(
      (group) =>
        group.items === items &&
        (group.kind === null || item.kind === group.kind) &&
        state.off[group.name].has(item[group.attribute]),
    );
  /* "Disputed only" and "claimed by" keep events and relations by their evidence; entities stay if something
     shown touches them. */
  const quotesOf = (item) => [
    ...((item.details || {}).evidence || []),
    ...(item.figures || []).flatMap((f) => f.evidence || []),
  ];
  app.quotesOf = quotesOf;
  const claimedBy = (item, who) =>
    quotesOf(item).some((e) => util.idList(e.claimed_by).includes(who) || util.idList(e.via).includes(who));
  const byEvidence = (item) =>
    (!state.disputedOnly || Boolean(item.stance)) && (!state.claimant || claimedBy(item, state.claimant));
  const evidenceFilter = () => state.disputedOnly || state.claimant;
  app.passes = (n) => !filteredOut(n, "nodes") && inWindow(n);
  /* Nothing filtered: everything shows (a large graph's page then makes no set of ids). */
  const unfiltered = () =>
    (state.window.start ?? null) === null &&
    (state.window.end ?? null) === null &&
    !state.hideIsolated &&
    !evidenceFilter() &&
    Object.values(state.off).every((off) => off.size === 0);
  const computeVisible = () => {
    if (data.columns && unfiltered()) {
      app.visible = { nodes: app.byId, edges: app.edgeById }; /* has(id) and size, as the sets would */
      return;
    }
    const nodes = new Set();
    for (const n of data.nodes) {
      if (!app.passes(n)) continue;
      if (evidenceFilter() && n.kind === kinds.event && !byEvidence(n)) continue;
      nodes.add(n.id);
    }
    const edges = new Set();
    for (const e of data.edges) {
      if (!nodes.has(e.from) || !nodes.has(e.to) || filteredOut(e, "edges") || !inWindow(e)) continue;
      if (evidenceFilter() && e.kind === kinds.relation && !byEvidence(e)) continue;
      edges.add(e.id);
    }
    if (state.hideIsolated || evidenceFilter()) {
      const touched = new Set();
      for (const id of edges) {
        const e = app.edgeById.get(id);
        const ends = [e.from, e.to];
        if (evidenceFilter() && e.kind !== kinds.relation && !ends.some((x) => app.byId.get(x).kind === kinds.event)) {
          continue;
        }
        for (const x of ends) touched.add(x);
      }
      for (const n of data.nodes) if (n.kind !== kinds.event && !touched.has(n.id)) nodes.delete(n.id);
      for (const id of [...edges]) {
        const e = app.edgeById.get(id);
        if (!nodes.has(e.from) || !nodes.has(e.to)) edges.delete(id);
      }
    }
    app.visible = { nodes, edges };
  };
  app.isShown = (id) => app.visible.nodes.has(id);
  app.shownEvents = () => data.nodes.filter((n) => n.kind === kinds.event && app.isShown(n.id)).map((n) => n.id);

  app.computeVisible = computeVisible;
};
