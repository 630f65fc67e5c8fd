/* kgraph explorer, part "columns": a large graph's data, as kgraph/export/explorer_columns.py wrote it, read as
   records. Every node and edge is an entry in each column (kinds and types as indices into data.columns.names,
   day numbers worked out in Python, an edge's ends as node indices); a record reads its fields from them when
   asked, so the page makes no object per field. The text of a record's details (quotes, description, the
   panel's fields) is in a block of its own (<script type="application/json" id="kgraph-n3">), parsed the first
   time one of its records is asked for it; what the details left out (their record's kind, type, label and date
   bounds, a participant's edge's date and evidence, which are its event's) is put back then. */
(globalThis.kgraphParts ??= {}).columns = (packed) => {
  "use strict";

  const { iso } = globalThis.kgraphParts.days;
  const C = packed.columns;
  const { names, chunk, dropped, looks } = C;
  const N = C.nodes;
  const E = C.edges;
  const ints = (list) => Int32Array.from(list);
  const nKind = ints(N.kind);
  const nType = ints(N.type);
  /* An edge's source: given as a count of edges a node when the edges come in their sources' order. */
  const eFrom = E.from ? ints(E.from) : new Int32Array(E.to.length);
  if (!E.from) for (let i = 0, j = 0; i < E.fromCounts.length; i += 1) eFrom.fill(i, j, (j += E.fromCounts[i]));
  const eTo = ints(E.to);
  const eLook = ints(E.triple); /* [kind, type, label] as indices into names */
  const eKind = Int32Array.from(eLook, (t) => E.triples[t][0]);
  const eType = Int32Array.from(eLook, (t) => E.triples[t][1]);
  const uncertain = new Set(N.uncertain);
  const links = new Set(E.link);
  const NO_DAYS = Object.freeze([null, null, null, null]);
  const eventKind = names.indexOf(packed.kinds.event);

  /* ---------- details: parsed a block at a time, restored a record at a time ---------- */
  const blocks = new Map();
  const entryOf = (prefix, i) => {
    const name = `${prefix}${Math.floor(i / chunk)}`;
    if (!blocks.has(name)) blocks.set(name, JSON.parse(document.getElementById(`kgraph-${name}`).textContent));
    return blocks.get(name)[i % chunk] || [0];
  };
  const BIT = Object.fromEntries(dropped.map((key, bit) => [key, 1 << bit]));
  const restored = new Map();
  const detailsOf = (record, prefix) => {
    const key = `${prefix}${record.i}`;
    if (restored.has(key)) return restored.get(key);
    const [mask, kept] = entryOf(prefix, record.i);
    const details = { ...(kept || {}) };
    const event = prefix === "e" ? record.toNode : null;
    const put = (name, value) => {
      if (mask & BIT[name]) details[name] = value;
    };
    put("kind", record.kind);
    put("type", record.type);
    put("label", record.label);
    ["earliest", "latest", "earliest_possible", "latest_possible"].forEach((name, j) => put(name, iso(record.days[j])));
    put("date", (event || record).date);
    if (event) {
      const own = event.details;
      put("role", record.type);
      put("precision", own.precision);
      put("evidence", [...(details.evidence || []), ...(own.evidence || [])]);
    }
    restored.set(key, details);
    return details;
  };

  /* ---------- records ---------- */
  class Node {
    constructor(i) {
      this.i = i;
    }
    get id() {
      return N.id[this.i];
    }
    get label() {
      return N.label[this.i];
    }
    get kind() {
      return names[nKind[this.i]];
    }
    get type() {
      return names[nType[this.i]];
    }
    get degree() {
      return N.degree[this.i];
    }
    get size() {
      return Math.round((10 + 4 * Math.sqrt(this.degree)) * 100) / 100;
    }
    get look() {
      return nKind[this.i] === eventKind ? looks.types[this.type] : looks.kinds[this.kind];
    }
    get color() {
      return this.look[0];
    }
    get border() {
      return this.look[1];
    }
    get shape() {
      return looks.kinds[this.kind][2];
    }
    get when() {
      return N.when[this.i] || "";
    }
    get short() {
      if (nKind[this.i] !== eventKind) return this.label;
      const status = N.status[this.i];
      const name = `${status ? `${status} ` : ""}${this.type.replace(/_/g, " ")}`;
      return this.when ? `${name} · ${this.when}` : name;
    }
    get date() {
      const text = N.date[this.i];
      return text === 0 ? iso(this.days[0]) : (text ?? undefined);
    }
    get place() {
      const at = N.place[this.i];
      return typeof at === "string" ? at : at < 0 ? undefined : N.id[at];
    }
    get days() {
      const own = N.days[this.i]; /* null: none; a number: all four; else the four */
      return own === null ? NO_DAYS : typeof own === "number" ? (this.cached ??= [own, own, own, own]) : own;
    }
    get t() {
      return this.days.map(iso);
    }
    get uncertain() {
      return uncertain.has(this.i);
    }
    get notYet() {
      return this.i in N.status || undefined;
    }
    get stance() {
      return N.stance[this.i];
    }
    get states() {
      return N.states[this.i];
    }
    get x() {
      return N.xy[this.i]?.[0];
    }
    get y() {
      return N.xy[this.i]?.[1];
    }
    get aliases() {
      return (N.aliases[this.i] || []).map(([name, lang]) => ({ name, lang }));
    }
    get names() {
      return [this.label, ...(N.aliases[this.i] || []).map(([name]) => name)];
    }
    get details() {
      return detailsOf(this, "n");
    }
    get figures() {
      return entryOf("n", this.i)[2] || undefined;
    }
  }
  const nodes = N.id.map((_, i) => new Node(i));

  class Edge {
    constructor(i) {
      this.i = i;
    }
    get id() {
      const own = E.id[this.i];
      return (this.cached ??= own ?? `${this.from}--${this.key}--${this.to}`);
    }
    get key() {
      const own = E.key[this.i];
      return own === undefined ? this.type : E.keyNames[own];
    }
    get from() {
      return N.id[eFrom[this.i]];
    }
    get to() {
      return N.id[eTo[this.i]];
    }
    get toNode() {
      return nodes[eTo[this.i]];
    }
    get kind() {
      return names[eKind[this.i]];
    }
    get type() {
      return names[eType[this.i]];
    }
    get label() {
      return names[E.triples[eLook[this.i]][2]];
    }
    get link() {
      return links.has(this.i) || undefined;
    }
    get color() {
      return looks.edges[this.link ? looks.link : this.kind];
    }
    get days() {
      const own = E.days[this.i];
      if (own === 0 || own === 1) return nodes[own === 0 ? eTo[this.i] : eFrom[this.i]].days;
      return own === null ? NO_DAYS : own;
    }
    get t() {
      return this.days.map(iso);
    }
    get stance() {
      return E.stance[this.i];
    }
    get details() {
      return detailsOf(this, "e");
    }
    get figures() {
      return entryOf("e", this.i)[2] || undefined;
    }
  }
  const edges = E.to.map((_, i) => new Edge(i));

  const data = { ...packed, nodes, edges, links: [] };
  /* For part "meetingsLarge" and the curious: the columns, and how many blocks of details were parsed so far. */
  data.columns = { names, eFrom, eTo, eKind, eType, claimants: C.claimants, ids: E.id, parsed: () => blocks.size };
  return data;
};
