/* kgraph explorer, part "timelineLanes": what the timeline shows, before anything is drawn. Each dated event
   becomes an item with its days worked out once (its date's face value, the part of it that is certain, the
   days it may be at all, its earlier states), a colour by event type, and a lane: by event type, or by actor. It
   also says which items a selection marks. */
(globalThis.kgraphParts ??= {}).timelineLanes = (app) => {
  "use strict";

  const { data, util } = app;
  const { spaced } = util;
  const { kinds } = data;

  const NO_ACTOR = "(no actor)";

  /* A large graph's records have their day numbers from Python, and its timeline shows only the events drawn:
     their items are made when they are drawn (app.detail), and the page's data gives the axis's extent. */
  const large = app.detail.active;
  const isDated = large ? (n) => app.times(n).some((d) => d !== null) : (n) => (n.t || []).some((d) => d);
  const events = data.nodes.filter((n) => n.kind === kinds.event && isDated(n));
  const eventIndex = new Map(events.map((n, i) => [n.id, i]));

  /* ---------- colours by event type: the page's data gives them, as the graph and the filters use them ---------- */
  const typeNames = [...new Set(events.map((n) => n.type || ""))].sort();
  const typeColors = data.typeColors;
  const hatchIndex = new Map(typeNames.map((type, i) => [type, i]));

  /* ---------- items: each event's days, worked out once ---------- */
  const sourceTitle = (s) => (data.sources[s] && data.sources[s].title) || s;
  const stateText = (s) => `${s.status} ${s.date}${s.source ? ` — ${sourceTitle(s.source)}` : ""}`;
  const firstOf = (...values) => values.find((v) => v !== null && v !== undefined) ?? null;
  /* The days one end of an interval may be, at face value ({start, end}), or null when open or unread. */
  const endDays = (text) => {
    if (!text || text === "..") return null;
    const read = app.parts.window.parse(text);
    return read.error ? null : read;
  };
  /* The part of an event's date that is certain, {ks, ke} (null ends open), or null when no day of it is. A date
     that is not an interval (a year, a decade, a season, one of a set of days, or a day with a qualifier) says
     that the event happened at some time in its range, not that it lasted all of it: nothing is certain but an
     unqualified single day. An interval is certain from the last day its start may be to the first day its end
     may be (its qualifiers widen it outwards, hatched, as app.times's possible days say). */
  const certainOf = (n, cs, ce) => {
    const text = String(app.dateOf(n) || "").trim();
    if (text.includes("/") && !/^[[{]/.test(text)) {
      const [from, to] = text.split("/").map((side) => side.trim());
      const s = endDays(from);
      const e = endDays(to);
      const ks = s ? Math.max(s.end, cs ?? s.end) : cs;
      const ke = e ? Math.min(e.start, ce ?? e.start) : ce;
      return ks !== null && ke !== null && ks > ke ? null : { ks, ke };
    }
    return cs !== null && cs === ce && !n.uncertain ? { ks: cs, ke: ce } : null;
  };
  const made = (n) => {
    const [a, b, pa, pb] = app.times(n);
    const cs = firstOf(a, pa); /* the date's face start, or null when open */
    const ce = firstOf(b, pb); /* its face end (inclusive), or null when open */
    const us = firstOf(pa, a); /* the earliest possible day */
    const ue = firstOf(pb, b); /* the latest possible day */
    const states = (n.states || []).slice(0, -1).flatMap((s) => {
      const t = app.times(s);
      const s0 = firstOf(t[0], t[2], t[1], t[3]);
      const s1 = firstOf(t[1], t[3], t[0], t[2]);
      return s0 === null ? [] : [{ state: s, s0, s1 }];
    });
    const lo = firstOf(us, cs, ce, ue);
    const hi = firstOf(ue, ce, cs, us);
    return {
      n,
      cs,
      ce,
      certain: certainOf(n, cs, ce),
      us,
      ue,
      states,
      lo,
      hi,
      sortKey: Math.min(us ?? -Infinity, ...states.map((s) => s.s0)),
      /* Its tooltip and hatch, said when drawn (a large graph has many more items than it draws). */
      get title() {
        const history = (n.states || []).map((s) => `\n${stateText(s)}`).join("");
        return `${n.label} (${app.dateOf(n) || ""})${history}`;
      },
      color: typeColors[n.type || ""],
      get hatch() {
        return `kgtl-hatch-${hatchIndex.get(n.type || "")}`;
      },
    };
  };
  const itemById = new Map();
  /* An event's item, made the first time it is asked for; undefined for what is not a dated event. */
  const itemOf = (id) => {
    if (!itemById.has(id) && eventIndex.has(id)) itemById.set(id, made(events[eventIndex.get(id)]));
    return itemById.get(id);
  };
  const items = large ? [] : events.map((n) => itemOf(n.id)); /* a small graph's, all made at once */
  /* The items the timeline shows: a small graph's all; a large graph's, those of the events drawn so far. */
  const shown = () => {
    if (!large) return items;
    const ids = [...app.detail.drawn()].filter((id) => eventIndex.has(id));
    return ids.sort((p, q) => eventIndex.get(p) - eventIndex.get(q)).map(itemOf);
  };
  /* Whether some item is as `test` says: a large graph makes items only for the events `maybe` lets through,
     until one is. */
  const some = (test, maybe = () => true) =>
    large ? events.some((n) => maybe(n) && test(itemOf(n.id))) : items.some(test);
  /* The spans of days that items cover (the end day included), for fitting the axis to them. */
  const spans = (list) => list.filter((it) => it.lo !== null).map((it) => ({ lo: it.lo, hi: it.hi + 1 }));
  /* The axis's extent over every dated event, as timelineScale works it out from their spans: a large graph's
     data gives it (kgraph/export/timeline_bulk.py), so that no item is made for it. */
  const extent = large && data.timeline ? data.timeline : null;
  const dated = extent ? extent.dated : items.filter((it) => it.lo !== null).length;

  /* ---------- lanes ---------- */
  const laneCache = new Map();
  /* Lanes by type in the order of the types' names; lanes by actor in the order of each actor's first event,
     events with no actor last. An event with several actors is drawn in each of their lanes. */
  const lanesFor = (mode) => {
    const key = `${mode} ${app.detail.version}`; /* a large graph's timeline shows the events drawn so far */
    if (laneCache.has(key)) return laneCache.get(key);
    const byKey = new Map();
    const add = (key, lane, it) => {
      if (!byKey.has(key)) byKey.set(key, { key, ...lane, items: [] });
      byKey.get(key).items.push(it);
    };
    for (const it of shown()) {
      if (mode === "actor") {
        const actors = app.actorsOf(it.n.id);
        if (!actors.length) add("", { name: NO_ACTOR, actor: null }, it);
        for (const actor of actors) add(actor, { name: app.byId.get(actor)?.label ?? actor, actor }, it);
      } else {
        const type = it.n.type || "";
        add(type, { name: type ? spaced(type) : "(no type)", color: typeColors[type] }, it);
      }
    }
    const lanes = [...byKey.values()];
    for (const lane of lanes) {
      lane.items.sort((p, q) => p.sortKey - q.sortKey || (p.lo ?? 0) - (q.lo ?? 0));
      lane.first = Math.min(...lane.items.map((it) => it.lo ?? Infinity));
    }
    const order = (p, q) => (p.name < q.name ? -1 : p.name > q.name ? 1 : 0);
    if (mode === "actor") {
      lanes.sort((p, q) => (p.key === "") - (q.key === "") || p.first - q.first || order(p, q));
    } else lanes.sort(order);
    laneCache.set(key, lanes);
    return lanes;
  };

  /* ---------- what the selection marks ---------- */
  const marksOf = (sel) => {
    const out = { selected: new Set(), marked: new Set(), related: new Set(), actor: null };
    if (!sel) return out;
    if (sel.type === "node") {
      const n = app.byId.get(sel.id);
      if (!n) return out;
      if (n.kind === kinds.event) {
        out.selected.add(sel.id);
        for (const actor of app.actorsOf(sel.id)) for (const e of app.eventsOf(actor)) out.related.add(e);
        out.related.delete(sel.id);
      } else {
        out.actor = sel.id;
        for (const e of app.eventsOf(sel.id)) out.marked.add(e);
        for (const e of events) if (app.placeOf(e) === sel.id) out.marked.add(e.id);
      }
    } else if (sel.type === "source") {
      for (const id of app.citing(sel.id).nodes) if (eventIndex.has(id)) out.marked.add(id);
    } else if (sel.type === "link") {
      const link = app.linkById && app.linkById.get(sel.id);
      for (const [e] of (link && link.events) || []) out.marked.add(e);
    } else {
      const edge = app.edgeById && app.edgeById.get(sel.id);
      if (edge) for (const id of [edge.from, edge.to]) if (eventIndex.has(id)) out.marked.add(id);
    }
    return out;
  };
  const selKey = (sel) => (sel ? `${sel.type}:${sel.id}` : "");

  return {
    events,
    itemOf,
    shown,
    some,
    extent,
    dated,
    typeNames,
    typeColors,
    stateText,
    spans,
    lanesFor,
    marksOf,
    selKey,
    made: () => itemById.size,
  };
};
