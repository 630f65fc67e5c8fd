/* kgraph explorer, part "fragment": the page's state in the URL's fragment, so that a view can be shared and
   reopened as it was, and back and forward walk through the views, selections, windows and filters:
   #view=actors&select=node:icrc (or edge:, link:, source:)&window=2023-01-01/..&mode=within&off=kind:place,type:protest&disputed=1 */
(globalThis.kgraphParts ??= {}).fragment = (app, options) => {
  "use strict";

  const { VIEWS, noFilters, controls, notes } = options;
  const { state, util } = app;
  const SELECTIONS = ["node", "edge", "link", "source"];
  let last = "";
  let lastAt = 0;
  let noted = ""; /* the state a note about the link was given for: it goes once the state changes */

  const encode = () => {
    const params = new URLSearchParams();
    params.set("view", state.view);
    if (state.selected) params.set("select", `${state.selected.type}:${state.selected.id}`);
    const { start, end, mode } = state.window;
    if (start !== null || end !== null) {
      params.set("window", `${util.windowText(start, end)}`);
    }
    if (mode !== "overlapping") params.set("mode", mode);
    const off = Object.entries(state.off).flatMap(([group, values]) => [...values].sort().map((v) => `${group}:${v}`));
    if (off.length) params.set("off", off.join(","));
    if (state.hideIsolated) params.set("isolated", "hide");
    if (state.disputedOnly) params.set("disputed", "1");
    if (state.claimant) params.set("claimant", state.claimant);
    if (state.lanes !== "type") params.set("lanes", state.lanes);
    return `#${params.toString()}`;
  };

  /* A new history entry for each change, except a time window moved in quick succession (a slider dragged):
     that replaces the entry it follows. */
  const withoutWindow = (hash) => hash.replace(/(^#|&)window=[^&]*/, "");
  const save = () => {
    const hash = encode();
    if (noted && hash !== noted) {
      noted = "";
      notes.unnote();
    }
    if (hash === last || hash === window.location.hash) {
      last = hash;
      return;
    }
    const now = performance.now();
    const sliding = now - lastAt < 400 && last && withoutWindow(hash) === withoutWindow(last);
    if (sliding) window.history.replaceState(null, "", hash);
    else window.history.pushState(null, "", hash);
    last = hash;
    lastAt = now;
  };

  /* The state a fragment holds; what it does not say (or says wrong) is left at its default, and a view or a
     selection it names that the page lacks (a link made from another page, or an older one), or a time window it
     cannot read, is said in a note. */
  const restore = () => {
    const params = new URLSearchParams(window.location.hash.slice(1));
    const lacks = [];
    const view = params.get("view");
    state.view = VIEWS.includes(view) ? view : VIEWS[0];
    if (view && !VIEWS.includes(view)) {
      lacks.push(`This link asks for a view “${view}” this page does not have; showing ${app.viewName(state.view)}.`);
    }
    state.selected = null;
    const select = params.get("select");
    if (select && select.includes(":")) {
      const type = select.slice(0, select.indexOf(":"));
      const id = select.slice(select.indexOf(":") + 1);
      const known = { node: app.byId, edge: app.edgeById, link: app.linkById, source: app.sourceById }[type];
      if (SELECTIONS.includes(type) && known.has(id)) state.selected = { type, id };
    }
    if (select && !state.selected) lacks.push(`This link selects “${select}”, which is not in this page.`);
    const parsed = params.get("window") ? app.parts.window.parse(params.get("window")) : { start: null, end: null };
    const mode = params.get("mode") === "within" ? "within" : "overlapping";
    state.window = parsed.error ? { start: null, end: null, mode } : { start: parsed.start, end: parsed.end, mode };
    if (parsed.error) lacks.push(`This link's time window “${params.get("window")}” cannot be read; showing all time.`);
    /* Only values the page offers: a name the data does not have is dropped, not counted as a filter. */
    state.off = noFilters();
    const values = new Map(app.data.filters.map((group) => [group.name, new Set(group.values)]));
    for (const item of (params.get("off") || "").split(",")) {
      const at = item.indexOf(":");
      const group = item.slice(0, at);
      const value = item.slice(at + 1);
      if (at > 0 && state.off[group] && values.get(group).has(value)) state.off[group].add(value);
    }
    state.hideIsolated = params.get("isolated") === "hide";
    state.disputedOnly = params.get("disputed") === "1";
    state.claimant = controls.claimants.has(params.get("claimant")) ? params.get("claimant") : "";
    state.lanes = params.get("lanes") === "actor" ? "actor" : "type";
    controls.load();
    last = encode();
    app.render({ fit: true, focus: true, history: false });
    noted = lacks.length ? last : "";
    if (lacks.length) notes.note(lacks.join(" "));
    else notes.unnote();
  };

  return { save, restore, encode };
};
