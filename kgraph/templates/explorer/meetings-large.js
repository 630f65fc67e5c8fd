/* kgraph explorer, part "meetingsLarge": part "meetings" for a large graph's columns (part "columns"). Who meets
   whom is worked out when asked, from the edges at each node (an index made once, of edge numbers): an actor's
   links are the ones kgraph/export/actor_links.py makes for a small graph, one a pair of actors, listing each
   shared event with each side's roles (events by date) and each relation between them. It sets the same
   functions as part "meetings", and app.edgesAt, app.linkById, and data.links (the links the first drawing
   shows). */
(globalThis.kgraphParts ??= {}).meetingsLarge = (app) => {
  "use strict";

  const { data } = app;
  const { kinds, nodes, edges } = data;
  const { names, eFrom, eTo, eKind, eType } = data.columns;
  const actorKinds = new Set(data.actorKinds);
  const isActor = Uint8Array.from(nodes, (n) => (actorKinds.has(n.kind) ? 1 : 0));
  const [participation, relation, partOf, location] = [
    kinds.participation,
    kinds.relation,
    kinds.partOf,
    kinds.location,
  ].map((kind) => names.indexOf(kind));

  /* The edges at each node, in the graph's order: at.subarray(start[i], start[i + 1]). */
  const start = new Int32Array(nodes.length + 1);
  for (let j = 0; j < edges.length; j += 1) {
    start[eFrom[j] + 1] += 1;
    if (eTo[j] !== eFrom[j]) start[eTo[j] + 1] += 1;
  }
  for (let i = 0; i < nodes.length; i += 1) start[i + 1] += start[i];
  const at = new Int32Array(start[nodes.length]);
  const fill = start.slice(0, nodes.length);
  for (let j = 0; j < edges.length; j += 1) {
    at[fill[eFrom[j]]++] = j;
    if (eTo[j] !== eFrom[j]) at[fill[eTo[j]]++] = j;
  }
  const indexOf = (id) => app.byId.get(id)?.i;
  const around = (id) => {
    const i = indexOf(id);
    return i === undefined ? [] : at.subarray(start[i], start[i + 1]);
  };
  app.edgesAt = (id) => Array.from(around(id), (j) => edges[j]);
  /* Edges by id, found among the edges of the id's source rather than kept in a map of every id; the few ids
     that are not "source--key--target" are kept. */
  const unusual = new Map(Object.entries(data.columns.ids).map(([j, id]) => [id, Number(j)]));
  const edgeFor = (id) => {
    const text = String(id);
    if (unusual.has(text)) return edges[unusual.get(text)];
    for (let k = text.indexOf("--"); k > 0; k = text.indexOf("--", k + 1)) {
      const source = text.slice(0, k);
      const i = indexOf(source);
      if (i !== undefined) for (const j of around(source)) if (eFrom[j] === i && edges[j].id === text) return edges[j];
    }
    return undefined;
  };
  app.edgeById = { get: edgeFor, has: (id) => edgeFor(id) !== undefined, size: edges.length };

  /* An actor's events, an event's actors: the ends of participations, in the graph's order. */
  const ends = (id, inward) => {
    const i = indexOf(id);
    const out = new Set();
    for (const j of around(id)) {
      if (eKind[j] !== participation || !isActor[eFrom[j]]) continue;
      if (inward ? eTo[j] === i : eFrom[j] === i) out.add(inward ? eFrom[j] : eTo[j]);
    }
    return [...out].map((k) => nodes[k].id);
  };
  app.eventsOf = (id) => ends(id, false);
  app.actorsOf = (id) => ends(id, true);

  /* ---------- links between actors ---------- */
  const rolesIn = (actor, event) => {
    const found = new Set();
    for (const j of around(actor))
      if (eKind[j] === participation && eTo[j] === indexOf(event)) found.add(names[eType[j]]);
    return [...found].sort();
  };
  const when = (id) => {
    const [first, last] = app.byId.get(id).days;
    return first ?? last ?? Infinity;
  };
  const byWhen = (p, q) => when(p) - when(q) || (p < q ? -1 : p > q ? 1 : 0);
  const made = new Map();
  /* The link between two actors (a before b), or null when they share nothing. */
  const linkOf = (a, b) => {
    const id = `${a}~${b}`;
    if (made.has(id)) return made.get(id);
    const theirs = new Set(app.eventsOf(b));
    const shared = app.eventsOf(a).filter((e) => theirs.has(e) && !isActor[indexOf(e)]);
    const [ia, ib] = [indexOf(a), indexOf(b)];
    const relations = [];
    for (const j of around(a)) {
      const pair = (eFrom[j] === ia && eTo[j] === ib) || (eFrom[j] === ib && eTo[j] === ia);
      if (eKind[j] === relation && pair && ia !== ib) relations.push(edges[j].id);
    }
    const events = shared.sort(byWhen).map((e) => [e, rolesIn(a, e), rolesIn(b, e)]);
    const link = events.length + relations.length ? { id, from: a, to: b, events, relations } : null;
    if (link) link.weight = events.length + relations.length;
    made.set(id, link);
    return link;
  };
  const ordered = (p, q) => (p < q ? -1 : p > q ? 1 : 0);
  /* The actors an actor shares an event or a relation with. */
  const partnersOf = (id) => {
    const i = indexOf(id);
    const partners = new Set();
    if (i === undefined || !isActor[i]) return partners;
    for (const e of app.eventsOf(id)) if (!isActor[indexOf(e)]) for (const b of app.actorsOf(e)) partners.add(b);
    for (const j of around(id)) {
      if (eKind[j] === relation && isActor[eFrom[j]] && isActor[eTo[j]])
        partners.add(nodes[eFrom[j] === i ? eTo[j] : eFrom[j]].id);
    }
    partners.delete(id);
    return partners;
  };
  app.linksOf = (id) => {
    const found = [...partnersOf(id)].map((b) => (id <= b ? linkOf(id, b) : linkOf(b, id))).filter(Boolean);
    return found.sort((p, q) => ordered(p.from, q.from) || ordered(p.to, q.to));
  };
  app.partnersOf = (id) => app.linksOf(id).map((k) => (k.from === id ? k.to : k.from));
  const linkFor = (id) => {
    for (let k = id.indexOf("~"); k >= 0; k = id.indexOf("~", k + 1)) {
      const [a, b] = [id.slice(0, k), id.slice(k + 1)];
      if (a <= b && isActor[indexOf(a)] && isActor[indexOf(b)]) return linkOf(a, b);
    }
    return null;
  };
  app.linkById = { get: (id) => linkFor(String(id)) ?? undefined, has: (id) => Boolean(linkFor(String(id))) };

  /* The events at a place or at a place within it (following part of, however deep). */
  const into = (place, kind) =>
    Array.from(around(place))
      .filter((j) => eKind[j] === kind && eTo[j] === indexOf(place))
      .map((j) => nodes[eFrom[j]].id);
  app.eventsAt = (place) => {
    const places = new Set([place]);
    for (const p of places) for (const inner of into(p, partOf)) places.add(inner);
    return [...places].flatMap((p) => into(p, location));
  };

  /* The links the first drawing shows: those between the actors it draws. */
  const first = new Set(data.detail.initial);
  const shown = new Map();
  for (const a of first) for (const b of partnersOf(a)) if (a < b && first.has(b)) shown.set(`${a}~${b}`, linkOf(a, b));
  data.links = [...shown.values()].filter(Boolean).sort((p, q) => ordered(p.from, q.from) || ordered(p.to, q.to));
};
