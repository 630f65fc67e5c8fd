/* kgraph explorer: the graph, a legend, filters, a time window and a linked timeline.
   Annotation text is data: it is only ever set as textContent, never parsed as markup.
   The page's data (kgraph/export/html.py) names everything that comes from the graph: its kinds, the filter
   groups, the colours and the attributes the side panel shows in its own way. Every name is defined above
   its first use. */
(() => {
  "use strict";

  const data = JSON.parse(document.getElementById("kgraph-data").textContent);
  const { kinds, fields } = data;
  const DAY = 86400000;
  /* The page's own colours: dimmed nodes, highlight borders, labels, the timeline's grid. */
  const INK = {
    dim: "#e6e6e6",
    dimBorder: "#d0d0d0",
    dimText: "#b5b5b5",
    text: "#222",
    strong: "#111",
    edgeText: "#555",
    halo: "#ffffff",
    tick: "#e4e4e4",
    lane: "#f0f0f0",
  };
  const HINT = "Click a node or an edge to see its details and the evidence for it.";
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.edges.map((e) => [e.id, e]));

  /* ---------- helpers ---------- */
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, value] of Object.entries(attrs)) {
      if (k === "text") node.textContent = value;
      else if (k === "className") node.className = value;
      else node.setAttribute(k, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  };
  const svg = (tag, attrs = {}) => {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, value] of Object.entries(attrs)) {
      if (k === "text") node.textContent = value;
      else node.setAttribute(k, value);
    }
    return node;
  };
  const fold = (text) =>
    String(text)
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  const day = (isoDay) => (isoDay ? Math.floor(Date.parse(`${isoDay}T00:00:00Z`) / DAY) : null);
  const iso = (dayNumber) => new Date(dayNumber * DAY).toISOString().slice(0, 10);
  const plain = (value) => {
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) return value.map(plain).join("; ");
    if (typeof value === "object") {
      return Object.entries(value)
        .map(([k, v]) => `${k}: ${plain(v)}`)
        .join(", ");
    }
    return String(value);
  };
  const spaced = (name) => String(name).replace(/_/g, " ");
  /* One id or a list of them (claimants, relayers), as a list. */
  const idList = (value) =>
    (Array.isArray(value) ? value : [value]).filter((v) => v !== null && v !== undefined && v !== "").map(String);
  const stanceOf = (evidence) => evidence.stance || "supports";
  const sourceTitle = (s) => (data.sources[s] && data.sources[s].title ? data.sources[s].title : s);
  /* How a quote that does not support its fact is marked: a word and a sign, never colour alone. */
  const STANCE_WORDS = { denies: "✗ denies", disputes: "? disputes" };
  /* How a node or edge whose evidence is not all support reads in the graph: its label gets the word. */
  const marked = (label, stance) => (stance ? `${label} (${stance})` : label);

  /* ---------- time: [face start, face end, possible start, possible end] as day numbers ---------- */
  const times = (item) => (item.t || [null, null, null, null]).map(day);
  const states = data.nodes.flatMap((n) => n.states || []);
  const dated = [...data.nodes, ...data.edges, ...states].map(times).filter((t) => t[0] !== null || t[1] !== null);
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const t of dated) {
    for (const d of [t[0], t[1]]) {
      if (d !== null) {
        minDay = Math.min(minDay, d);
        maxDay = Math.max(maxDay, d);
      }
    }
  }
  const hasTime = dated.length > 0;

  /* ---------- state ---------- */
  const noFilters = () => Object.fromEntries(data.filters.map((group) => [group.name, new Set()]));
  const state = {
    from: hasTime ? minDay : null,
    to: hasTime ? maxDay : null,
    off: noFilters(),
    hideIsolated: false,
    selected: null,
    mode: "overlapping",
    visibleNodes: new Set(data.nodes.map((n) => n.id)),
    visibleEdges: new Set(data.edges.map((e) => e.id)),
    dimmed: false,
  };

  /* The same two questions as kgraph's Python API: could the date fall in the window (overlapping), or
     does it certainly fall in it (within)? Both use the widened bounds; an open end is never certainly inside.
     Undated things (entities, timeless relations) are in every window. */
  const inWindow = (item) => {
    if (!hasTime) return true;
    const t = times(item);
    if (t.every((d) => d === null)) return true;
    const start = t[2] !== null ? t[2] : t[0];
    const end = t[3] !== null ? t[3] : t[1];
    if (state.mode === "within") {
      const lowOpen = t[0] === null;
      const highOpen = t[1] === null;
      return !lowOpen && !highOpen && start >= state.from && end <= state.to;
    }
    if (state.from === minDay && state.to === maxDay) return true;
    return (t[0] === null || start <= state.to) && (t[1] === null || end >= state.from);
  };

  /* ---------- the network ---------- */
  const nodeColor = (n, dim) => {
    if (dim) {
      return { background: INK.dim, border: INK.dimBorder, highlight: { background: n.color, border: INK.text } };
    }
    return {
      background: n.color,
      border: n.border,
      highlight: { background: n.color, border: INK.strong },
      hover: { background: n.color, border: INK.strong },
    };
  };
  const nodes = new vis.DataSet(
    data.nodes.map((n) => {
      const item = {
        id: n.id,
        label: marked(n.label, n.stance),
        shape: n.shape,
        size: n.size,
        color: nodeColor(n, false),
        font: { size: 13, color: INK.text, strokeWidth: 3, strokeColor: INK.halo },
      };
      if (n.stance) {
        item.borderWidth = 3;
        item.shapeProperties = { borderDashes: [4, 3] };
      }
      if (n.x !== undefined) {
        item.x = n.x;
        item.y = n.y;
      }
      return item;
    }),
  );
  const edges = new vis.DataSet(
    data.edges.map((e) => ({
      id: e.id,
      from: e.from,
      to: e.to,
      label: data.edgeLabels ? marked(e.label, e.stance) : undefined,
      arrows: data.directed ? "to" : undefined,
      color: { color: e.color, highlight: INK.strong, hover: INK.strong },
      width: e.link ? 2.5 : e.kind === kinds.relation ? 2 : 1,
      dashes: e.stance ? [6, 4] : false,
      font: { size: 10, color: INK.edgeText, strokeWidth: 2, align: "middle" },
    })),
  );
  const network = new vis.Network(document.getElementById("graph"), { nodes, edges }, data.options);

  /* ---------- the timeline: events by date, in lanes, linked with the graph ---------- */
  const timeline = document.getElementById("timeline");
  const lanesSelect = document.getElementById("lanes");
  const events = data.nodes.filter((n) => n.kind === kinds.event && (n.t[0] || n.t[1]));
  const lanesOf = (n) => {
    if (lanesSelect.value === "type") return [n.type];
    const actors = ((n.details || {}).participants || []).map((p) => p.actor);
    return actors.length ? actors : ["(no actor)"];
  };
  const ticks = (lo, hi) => {
    const out = [];
    const first = new Date(lo * DAY);
    const last = new Date(hi * DAY);
    const years = last.getUTCFullYear() - first.getUTCFullYear();
    if (years >= 2) {
      const step = Math.max(1, Math.ceil(years / 12));
      for (let y = first.getUTCFullYear() + 1; y <= last.getUTCFullYear(); y += step) {
        out.push([Date.UTC(y, 0, 1) / DAY, String(y)]);
      }
    } else {
      const months = years * 12 + last.getUTCMonth() - first.getUTCMonth();
      const every = Math.max(1, Math.ceil(months / 12));
      let d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
      for (let i = 0; d <= last; i++) {
        if (i % every === 0) out.push([d.getTime() / DAY, d.toISOString().slice(0, 7)]);
        d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
      }
      if (!out.length) out.push([lo, iso(lo)]);
    }
    return out;
  };
  /* An event's earlier states (its history, as first reported), placed where their own dates put them. */
  const stateText = (state) => {
    const source = state.source ? ` — ${sourceTitle(state.source)}` : "";
    return `${state.status} ${state.date}${source}`;
  };
  const earlierStates = (n, x, left, plot) => {
    const out = [];
    for (const state of (n.states || []).slice(0, -1)) {
      const t = times(state);
      const start = t[0] !== null ? t[0] : t[1];
      const end = t[1] !== null ? t[1] : t[0];
      if (start === null || x(end) < left - 40 || x(start) > left + plot + 40) continue;
      out.push({ state, x0: Math.max(left, x(start)), x1: Math.min(left + plot, x(end)) });
    }
    return out;
  };
  /* Earlier states are hollow and dashed, joined to the current one by a dotted line: a change, not a second event. */
  const drawState = (g, n, mark, yy, x0) => {
    g.appendChild(svg("line", { x1: mark.x1, x2: x0, y1: yy, y2: yy, class: "change", stroke: n.color }));
    const look = { class: "state", fill: INK.halo, stroke: n.color, "stroke-width": 2, "stroke-dasharray": "2 2" };
    const shape =
      mark.x1 - mark.x0 < 6
        ? svg("circle", { cx: (mark.x0 + mark.x1) / 2, cy: yy, r: 4, ...look })
        : svg("rect", { x: mark.x0, y: yy - 4, width: mark.x1 - mark.x0, height: 8, rx: 3, ...look });
    shape.appendChild(svg("title", { text: `earlier: ${stateText(mark.state)}` }));
    g.appendChild(shape);
  };
  const drawTimeline = () => {
    if (!events.length) {
      timeline.replaceChildren(el("p", { className: "hint", text: "No dated events." }));
      return;
    }
    const lo = hasTime ? state.from : 0;
    let hi = hasTime ? state.to : 1;
    if (hi <= lo) hi = lo + 1;
    const left = 150;
    const width = Math.max(timeline.clientWidth - 10, 400);
    const plot = width - left - 20;
    const step = 14;
    const x = (d) => left + ((d - lo) / (hi - lo)) * plot;
    /* Lay items out first: each lane stacks items that would overlap into sub-rows, so every item stays clickable. */
    const lanes = [];
    const laneIndex = new Map();
    const items = [];
    for (const n of events) {
      const t = times(n);
      const known0 = t[0] !== null ? t[0] : t[1];
      const known1 = t[1] !== null ? t[1] : t[0];
      if (x(known1) < left - 40 || x(known0) > left + plot + 40) continue;
      const x0 = Math.max(left, x(known0));
      const x1 = Math.min(left + plot, x(known1));
      const marks = earlierStates(n, x, left, plot);
      const from = Math.min(t[0] === null ? x0 - 30 : x0 - 6, ...marks.map((m) => m.x0 - 6));
      const to = Math.max(t[1] === null ? x1 + 30 : Math.max(x1, x0 + 6) + 6, ...marks.map((m) => m.x1 + 6));
      for (const lane of lanesOf(n)) {
        if (!laneIndex.has(lane)) {
          laneIndex.set(lane, lanes.length);
          lanes.push({ name: lane, rows: [] });
        }
        const { rows } = lanes[laneIndex.get(lane)];
        let row = 0;
        while (row < rows.length && rows[row] > from) row++;
        rows[row] = to;
        items.push({ node: n, t, lane: laneIndex.get(lane), row, x0, x1, marks });
      }
    }
    const top = 18;
    const offsets = [];
    let y = top;
    for (const lane of lanes) {
      offsets.push(y);
      y += Math.max(1, lane.rows.length) * step + 6;
    }
    const height = y + 4;
    const root = svg("svg", { width, height, role: "img", "aria-label": "Timeline of events" });
    for (const [at, text] of ticks(lo, hi)) {
      root.appendChild(svg("line", { x1: x(at), x2: x(at), y1: 12, y2: height, stroke: INK.tick }));
      root.appendChild(svg("text", { x: x(at) + 2, y: 10, class: "tick", text }));
    }
    lanes.forEach((lane, i) => {
      const label = byId.has(lane.name) ? byId.get(lane.name).label : spaced(lane.name);
      const short = label.length > 24 ? `${label.slice(0, 23)}…` : label;
      root.appendChild(svg("text", { x: 6, y: offsets[i] + 11, class: "lane-label", text: short }));
      root.appendChild(
        svg("line", { x1: 0, x2: left + plot, y1: offsets[i] - 3, y2: offsets[i] - 3, stroke: INK.lane }),
      );
    });
    for (const { node: n, t, lane, row, x0, x1, marks } of items) {
      const yy = offsets[lane] + row * step + 7;
      const classes = ["event"];
      if (!state.visibleNodes.has(n.id)) classes.push("outside");
      if (n.uncertain) classes.push("uncertain");
      if (n.id === state.selected) classes.push("selected");
      const g = svg("g", { class: classes.join(" "), "data-id": n.id });
      for (const mark of marks) drawState(g, n, mark, yy, x0);
      const open = { stroke: n.color, "stroke-width": 3, "stroke-dasharray": "3 3" };
      if (t[0] === null) g.appendChild(svg("line", { x1: x0 - 28, x2: x0, y1: yy, y2: yy, ...open }));
      if (t[1] === null) g.appendChild(svg("line", { x1, x2: x1 + 28, y1: yy, y2: yy, ...open }));
      if (x1 - x0 < 6) g.appendChild(svg("circle", { cx: (x0 + x1) / 2, cy: yy, r: 5, fill: n.color }));
      else {
        g.appendChild(
          svg("rect", { x: x0, y: yy - 5, width: x1 - x0, height: 10, rx: 3, fill: n.color, "fill-opacity": 0.75 }),
        );
      }
      const history = (n.states || []).map((state) => `\n${stateText(state)}`).join("");
      g.appendChild(svg("title", { text: `${n.label} (${(n.details || {}).date || ""})${history}` }));
      root.appendChild(g);
    }
    timeline.replaceChildren(root);
  };
  const markTimeline = () => {
    for (const g of timeline.querySelectorAll("g.event")) {
      g.classList.toggle("selected", g.getAttribute("data-id") === state.selected);
    }
  };

  /* ---------- visibility: filters and the time window ---------- */
  /* A filter group hides the nodes or edges (of its kind, or of any) whose attribute has an unticked value. */
  const filteredOut = (item, items) =>
    data.filters.some(
      (group) =>
        group.items === items &&
        (group.kind === null || item.kind === group.kind) &&
        state.off[group.name].has(item[group.attribute]),
    );
  const nodeShown = (n) => !filteredOut(n, "nodes") && inWindow(n);
  const edgeShown = (e, shownNodes) =>
    shownNodes.has(e.from) && shownNodes.has(e.to) && !filteredOut(e, "edges") && inWindow(e);
  const applyVisibility = () => {
    const shown = new Set(data.nodes.filter(nodeShown).map((n) => n.id));
    const shownEdges = new Set(data.edges.filter((e) => edgeShown(e, shown)).map((e) => e.id));
    if (state.hideIsolated) {
      const touched = new Set();
      for (const id of shownEdges) {
        const e = edgeById.get(id);
        touched.add(e.from);
        touched.add(e.to);
      }
      for (const n of data.nodes) if (n.kind !== kinds.event && !touched.has(n.id)) shown.delete(n.id);
    }
    const nodeUpdates = data.nodes
      .filter((n) => shown.has(n.id) !== state.visibleNodes.has(n.id))
      .map((n) => ({ id: n.id, hidden: !shown.has(n.id) }));
    const edgeUpdates = data.edges
      .filter((e) => shownEdges.has(e.id) !== state.visibleEdges.has(e.id))
      .map((e) => ({ id: e.id, hidden: !shownEdges.has(e.id) }));
    state.visibleNodes = shown;
    state.visibleEdges = shownEdges;
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    document.getElementById("stats").textContent =
      `${shown.size} of ${data.nodes.length} nodes and ${shownEdges.size} of ${data.edges.length} edges shown`;
    drawTimeline();
  };

  /* ---------- the side panel ---------- */
  const panel = document.getElementById("panel");
  const linkTargets = new WeakMap(); /* each link button in the panel, to the id of the node it selects */
  const nodeLink = (id) => {
    const n = byId.get(id);
    if (!n) return el("span", { text: id });
    const button = el("button", { className: "link", type: "button", text: n.label });
    linkTargets.set(button, id);
    return button;
  };
  /* Links to each of several nodes, joined as words are: "a", "a and b", "a, b and c". */
  const nodeLinks = (ids) =>
    ids.flatMap((id, i) => [i === 0 ? null : i === ids.length - 1 ? " and " : ", ", nodeLink(id)]).filter(Boolean);
  const field = (list, name, value) => {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    list.appendChild(el("dt", { text: name }));
    list.appendChild(el("dd", {}, typeof value === "object" && value.nodeType ? value : plain(value)));
  };
  const stanceWord = (stance) =>
    el("span", { className: `stance-word ${stance}`, text: STANCE_WORDS[stance] || stance });
  /* Who says it: the claimants, and the chain that relays their words to the source (nearest the source first). */
  const claimLine = (e) => {
    const claimants = idList(e.claimed_by);
    const relayers = idList(e.via);
    const parts = [`${e.source ? sourceTitle(e.source) : ""} — `];
    if (claimants.length) parts.push("claimed by ", ...nodeLinks(claimants));
    else parts.push(relayers.length ? "relayed by the source" : "reported by the source");
    relayers.forEach((id, i) => parts.push(i === 0 ? ", via " : ", quoting ", nodeLink(id)));
    if (e.note) parts.push(` (${e.note})`);
    return el("p", { className: `claim${claimants.length ? " claimed" : ""}` }, ...parts);
  };
  /* Each quote with its stance: a denial or a dispute is marked with a word and a colour of its own. */
  const evidenceBlock = (items) => {
    const box = el("div");
    for (const e of items || []) {
      const stance = stanceOf(e);
      const against = stance !== "supports";
      const quote = el("blockquote", { className: against ? `stance-${stance}` : "" });
      if (against) quote.append(stanceWord(stance), " ");
      quote.appendChild(document.createTextNode(String(e.quote)));
      box.appendChild(quote);
      box.appendChild(claimLine(e));
    }
    return box;
  };
  /* Figures grouped by what they measure, so that competing claims stand side by side, each with its quotes. */
  const figuresBlock = (figures) => {
    const box = el("div", { className: "figures" });
    const measures = [...new Set(figures.map((f) => f.measure))];
    for (const measure of measures) {
      for (const f of figures.filter((g) => g.measure === measure)) {
        const counts = f.counts.length ? [" ", ...nodeLinks(f.counts)] : [];
        box.appendChild(
          el(
            "p",
            { className: "figure" },
            el("span", { className: "measure", text: spaced(f.measure) }),
            " ",
            el("strong", { text: f.amount }),
            ...counts,
            f.note ? ` (${f.note})` : null,
          ),
        );
        box.appendChild(evidenceBlock(f.evidence));
      }
    }
    return box;
  };
  /* An event's states as its sources reported them, oldest first: the earlier ones stay, with their source. */
  const historyBlock = (items) =>
    el(
      "ol",
      { className: "history" },
      ...items.map((s, i) =>
        el(
          "li",
          { className: i === items.length - 1 ? "latest" : "earlier" },
          el("span", { className: "status", text: s.status }),
          ` ${s.date}${s.source ? ` — ${sourceTitle(s.source)}` : ""}`,
          i === items.length - 1 ? el("span", { className: "now", text: " (latest)" }) : null,
        ),
      ),
    );
  /* The attributes the panel does not show in its own way, listed under their names. */
  const rest = (list, details, own) => {
    for (const [k, value] of Object.entries(details)) if (!own.includes(k)) field(list, k, value);
  };
  const aliasName = (a) => {
    const where = [a.lang, a.source ? sourceTitle(a.source) : null].filter(Boolean);
    return a.name + (where.length ? ` (${where.join("; ")})` : "");
  };
  const summaryBadge = (item) =>
    item.stance
      ? el("span", {
          className: `stance-word ${item.stance}`,
          text: item.stance,
          title: data.summaries[item.stance] || "",
        })
      : null;
  const connection = (e, id) => {
    const outgoing = e.from === id;
    const arrow = `${e.label}${outgoing ? " → " : " ← "}`;
    return el("p", { className: "connection" }, arrow, nodeLink(outgoing ? e.to : e.from), " ", summaryBadge(e));
  };
  const showNode = (id) => {
    const n = byId.get(id);
    const d = n.details || {};
    const content = [
      el("h2", { className: "title", text: n.label }),
      el("span", { className: "badge", text: n.kind || "node" }),
      n.type && n.type !== n.kind ? el("span", { className: "badge", text: n.type }) : null,
      summaryBadge(n),
    ];
    const list = el("dl");
    if (d.date) field(list, "date", `${d.date} (${d.precision || ""})`);
    if (d.earliest || d.latest) field(list, "between", `${d.earliest || "open"} and ${d.latest || "open"}`);
    if (d.earliest_possible !== d.earliest || d.latest_possible !== d.latest) {
      field(list, "possibly", `${d.earliest_possible || "open"} to ${d.latest_possible || "open"}`);
    }
    field(list, "status", d.status);
    field(list, "dated by", d.date_basis);
    field(list, "date note", d.date_note);
    if (d.place) field(list, "place", nodeLink(d.place));
    if (d.part_of) field(list, "part of", nodeLink(d.part_of));
    field(list, "description", d.description);
    field(list, "ACLED", [d.acled_event_type, d.acled_sub_event_type].filter(Boolean).join(" / "));
    field(list, "CAMEO", d.cameo);
    if (d.aliases) field(list, "also", d.aliases.map(aliasName));
    field(list, "ids", d.external_ids);
    if (d.lat !== undefined) field(list, "coordinates", `${d.lat}, ${d.lon}`);
    field(list, "notes", d.notes);
    field(list, "sources", (d.sources || []).map(sourceTitle));
    rest(list, d, fields.node);
    content.push(list);
    if (n.states) content.push(el("h2", { text: "Status history" }), historyBlock(n.states));
    if (n.figures) content.push(el("h2", { text: "Figures" }), figuresBlock(n.figures));
    if (d.evidence) content.push(el("h2", { text: "Evidence" }), evidenceBlock(d.evidence));
    if (d.participants) {
      content.push(el("h2", { text: "Participants" }));
      const added = (p) => (p.source ? ` (added by ${sourceTitle(p.source)})` : "");
      content.push(
        el("ul", {}, ...d.participants.map((p) => el("li", {}, nodeLink(p.actor), ` — ${p.role}${added(p)}`))),
      );
    }
    /* An entity's connections; an event's links to other events (its participants and place are listed above). */
    const links = data.edges.filter(
      (e) =>
        (e.from === id || e.to === id) &&
        state.visibleEdges.has(e.id) &&
        (n.kind !== kinds.event || e.kind === kinds.relation),
    );
    if (links.length) {
      content.push(el("h2", { text: n.kind === kinds.event ? "Links to events" : "Connections" }));
      for (const e of links) content.push(connection(e, id), evidenceBlock((e.details || {}).evidence));
    }
    panel.replaceChildren(...content.filter(Boolean));
  };
  const showEdge = (id) => {
    const e = edgeById.get(id);
    const d = e.details || {};
    const list = el("dl");
    field(list, "from", nodeLink(e.from));
    field(list, "to", nodeLink(e.to));
    field(list, "date", d.date ? `${d.date} (${d.precision || ""})` : null);
    field(list, "description", d.description);
    field(list, "note", d.note);
    rest(list, d, fields.edge);
    panel.replaceChildren(
      ...[
        el("h2", { className: "title", text: e.label }),
        el("span", { className: "badge", text: e.kind || "edge" }),
        e.link ? el("span", { className: "badge", text: "event link" }) : null,
        summaryBadge(e),
        list,
        el("h2", { text: "Evidence" }),
        evidenceBlock(d.evidence),
      ].filter(Boolean),
    );
  };

  /* ---------- neighbourhood highlight and selection ---------- */
  const highlight = (id) => {
    const keep = new Set([id]);
    if (id !== null) for (const n of network.getConnectedNodes(id)) keep.add(n);
    const updates = [];
    for (const n of data.nodes) {
      const dim = id !== null && !keep.has(n.id);
      if (dim || state.dimmed) {
        updates.push({ id: n.id, color: nodeColor(n, dim), font: { color: dim ? INK.dimText : INK.text } });
      }
    }
    state.dimmed = id !== null;
    if (updates.length) nodes.update(updates);
  };
  const selectNode = (id, focus) => {
    state.selected = id;
    network.selectNodes([id]);
    highlight(id);
    showNode(id);
    if (focus) network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    markTimeline();
  };
  const selectEdge = (id) => {
    state.selected = null;
    highlight(null);
    showEdge(id);
    markTimeline();
  };
  const clearSelection = () => {
    state.selected = null;
    highlight(null);
    panel.replaceChildren(el("p", { className: "hint", text: HINT }));
    markTimeline();
  };
  network.on("click", (params) => {
    if (params.nodes.length) selectNode(params.nodes[0], false);
    else if (params.edges.length) selectEdge(params.edges[0]);
    else clearSelection();
  });
  panel.addEventListener("click", (event) => {
    const button = event.target.closest("button.link");
    if (linkTargets.has(button)) selectNode(linkTargets.get(button), true);
  });
  timeline.addEventListener("click", (event) => {
    const g = event.target.closest("g.event");
    if (g) selectNode(g.getAttribute("data-id"), true);
  });

  /* ---------- legend and filters ---------- */
  const swatch = (color, shape) => {
    const s = el("span", { className: `swatch ${shape}` });
    s.style.background = color;
    return s;
  };
  const legend = document.getElementById("legend");
  for (const k of data.legend.nodes) legend.appendChild(el("div", {}, swatch(k.color, k.shape), k.name));
  for (const k of data.legend.edges) legend.appendChild(el("div", {}, swatch(k.color, "line"), k.name));
  if ([...data.nodes, ...data.edges].some((item) => item.stance)) {
    legend.appendChild(el("div", {}, swatch(INK.edgeText, "line dashed"), "dashed: denied or disputed"));
  }
  document.getElementById("timeline-key").hidden = !states.length;
  const filters = document.getElementById("filters");
  const boxes = [];
  for (const group of data.filters) {
    if (!group.values.length) continue;
    filters.appendChild(el("h3", { text: group.title }));
    for (const value of group.values) {
      const box = el("input", { type: "checkbox", "data-filter": group.name, value });
      box.checked = true;
      box.addEventListener("change", () => {
        if (box.checked) state.off[group.name].delete(value);
        else state.off[group.name].add(value);
        applyVisibility();
      });
      boxes.push(box);
      filters.appendChild(el("label", {}, box, ` ${spaced(value)}`));
    }
  }
  const resetFilters = () => {
    state.off = noFilters();
    for (const box of boxes) box.checked = true;
    applyVisibility();
  };
  document.getElementById("hide-isolated").addEventListener("change", (event) => {
    state.hideIsolated = event.target.checked;
    applyVisibility();
  });

  /* ---------- search: names and aliases in any language, without accents or case ---------- */
  const names = data.nodes.flatMap((n) => (n.names || [n.label]).map((name) => [fold(name), n.id]));
  const search = (query) => {
    const q = fold(query);
    if (!q) return null;
    const hit =
      names.find(([name]) => name === q) ||
      names.find(([name]) => name.startsWith(q)) ||
      names.find(([name]) => name.includes(q));
    return hit ? hit[1] : null;
  };
  document.getElementById("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const id = search(document.getElementById("search").value);
    const status = document.getElementById("search-status");
    if (id === null) {
      status.textContent = "nothing is named so";
      return;
    }
    status.textContent = "";
    if (!state.visibleNodes.has(id)) resetFilters();
    selectNode(id, true);
  });

  /* ---------- the time window ---------- */
  const fromInput = document.getElementById("time-from");
  const toInput = document.getElementById("time-to");
  const modeSelect = document.getElementById("time-mode");
  const setWindow = (fromDay, toDay) => {
    state.from = Math.max(minDay, Math.min(fromDay, toDay));
    state.to = Math.min(maxDay, Math.max(fromDay, toDay));
    fromInput.value = state.from;
    toInput.value = state.to;
    document.getElementById("time-from-label").textContent = iso(state.from);
    document.getElementById("time-to-label").textContent = iso(state.to);
    applyVisibility();
  };
  const setMode = (mode) => {
    state.mode = mode;
    applyVisibility();
  };
  if (hasTime) {
    document.getElementById("time-control").hidden = false;
    for (const input of [fromInput, toInput]) {
      input.min = minDay;
      input.max = maxDay;
    }
    fromInput.addEventListener("input", () => {
      const from = Number(fromInput.value);
      setWindow(from, Math.max(from, state.to));
    });
    toInput.addEventListener("input", () => {
      const to = Number(toInput.value);
      setWindow(Math.min(state.from, to), to);
    });
    document.getElementById("time-reset").addEventListener("click", () => setWindow(minDay, maxDay));
    modeSelect.addEventListener("change", (event) => setMode(event.target.value));
  }

  /* ---------- ready ---------- */
  if (hasTime) setWindow(minDay, maxDay);
  else applyVisibility();
  lanesSelect.addEventListener("change", drawTimeline);
  window.addEventListener("resize", drawTimeline);
  const ready = () => {
    window.kgraphReady = performance.now();
    document.body.setAttribute("data-ready", "true");
  };
  if (data.options.physics?.enabled) {
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: false });
      network.fit();
      ready();
    });
  } else {
    network.once("afterDrawing", ready);
  }
  window.kgraph = {
    network,
    nodes,
    edges,
    data,
    search,
    select: selectNode,
    setWindow: (fromIso, toIso) => setWindow(day(fromIso), day(toIso)),
    setMode: (mode) => {
      modeSelect.value = mode;
      setMode(mode);
    },
    visibleNodes: () => Array.from(state.visibleNodes),
  };
})();
