/* kgraph explorer, part "meetings": who meets whom, worked out once from the page's data. It sets
   app.linksOf (an actor's links to other actors), app.partnersOf, app.eventsOf (an actor's events),
   app.actorsOf (an event's actors), app.eventsAt (the events at a place or at a place within it) and
   app.citing (what a source says); a large graph's, part "meetingsLarge". */
(globalThis.kgraphParts ??= {}).meetings = (app) => {
  "use strict";

  const { data } = app;
  const { kinds } = data;
  const actorKinds = new Set(data.actorKinds);

  /* What a source says: the nodes and edges whose quotes come from it, and the entities it names (their
     sources), worked out when first asked (quotes are read by part "visible"). */
  const cited = new Map();
  app.citing = (source) => {
    if (!cited.has(source)) {
      const from = (item) => app.quotesOf(item).some((e) => e.source === source);
      const nodes = data.nodes.filter((n) => from(n) || ((n.details || {}).sources || []).includes(source));
      const edges = data.edges.filter((e) => e.kind !== kinds.participation && from(e));
      cited.set(source, { nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id) });
    }
    return cited.get(source);
  };
  /* A large graph's columns: worked out when asked (part "meetingsLarge"). */
  if (data.columns) {
    app.parts.meetingsLarge(app);
    return;
  }

  const linksOf = new Map();
  for (const k of data.links) {
    for (const id of [k.from, k.to]) {
      if (!linksOf.has(id)) linksOf.set(id, []);
      linksOf.get(id).push(k);
    }
  }
  const eventActors = new Map();
  const actorEvents = new Map();
  for (const e of data.edges) {
    if (e.kind !== kinds.participation) continue;
    const actor = app.byId.get(e.from);
    if (!actor || !actorKinds.has(actor.kind)) continue;
    if (!eventActors.has(e.to)) eventActors.set(e.to, new Set());
    eventActors.get(e.to).add(e.from);
    if (!actorEvents.has(e.from)) actorEvents.set(e.from, new Set());
    actorEvents.get(e.from).add(e.to);
  }
  app.linksOf = (id) => linksOf.get(id) || [];
  app.partnersOf = (id) => app.linksOf(id).map((k) => (k.from === id ? k.to : k.from));
  app.eventsOf = (id) => [...(actorEvents.get(id) || [])];
  app.actorsOf = (id) => [...(eventActors.get(id) || [])];
  /* The events at a place or at a place within it (following part of, however deep). */
  const within = new Map();
  const atPlace = new Map();
  for (const e of data.edges) {
    const into = e.kind === kinds.partOf ? within : e.kind === kinds.location ? atPlace : null;
    if (!into) continue;
    if (!into.has(e.to)) into.set(e.to, []);
    into.get(e.to).push(e.from);
  }
  app.eventsAt = (place) => {
    const places = new Set([place]);
    for (const p of places) for (const inner of within.get(p) || []) places.add(inner);
    return [...places].flatMap((p) => atPlace.get(p) || []);
  };
};
