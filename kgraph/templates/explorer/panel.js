/* kgraph explorer, part "panel": the side panel for what is selected. An actor's panel lists its partners, each
   with the events they share (date, each side's roles) and the relations that join them, with who claims
   them; a link's panel lists its events with their quotes. Every quote shows its stance (a denial or a
   dispute marked with a word and a colour, never colour alone), its claimants and the chain that relays
   them. Nothing selected: the panel takes no room. */
(globalThis.kgraphParts ??= {}).panel = (app) => {
  "use strict";

  const { data, util } = app;
  const { el, plain, spaced, idList } = util;
  const { kinds, fields } = data;
  const box = document.getElementById("panel");
  const body = document.getElementById("panel-body");
  const STANCE_WORDS = { denies: "✗ denies", disputes: "? disputes" };
  const sourceTitle = (s) => (data.sources[s] && data.sources[s].title ? data.sources[s].title : s);
  const label = (id) => app.byId.get(id)?.label ?? id;

  /* ---------- pieces ---------- */
  const linkTargets = new WeakMap(); /* each link button in the panel, to the id of the node it selects */
  const nodeLink = (id) => {
    if (!app.byId.has(id)) return el("span", { text: id });
    const button = el("button", { className: "link", type: "button", text: label(id) });
    linkTargets.set(button, id);
    return button;
  };
  const nodeLinks = (ids) => util.joined(ids.map(nodeLink));
  const field = (list, name, value) => {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    list.appendChild(el("dt", { text: name }));
    list.appendChild(el("dd", {}, typeof value === "object" && value.nodeType ? value : plain(value)));
  };
  /* A stance as a class name: a plain word, or "other" (a graph from elsewhere may hold anything there). */
  const word = (stance) => (/^[a-z_]+$/.test(stance) ? stance : "other");
  const stanceWord = (stance) =>
    el("span", { className: `stance-word ${word(stance)}`, text: STANCE_WORDS[stance] || stance });
  /* Where a quote comes from: the source's id, its title in a tooltip (a title in every line would repeat it),
     a button that opens the source's own panel. */
  const sourceTargets = new WeakMap();
  const sourceRef = (s) => {
    if (!app.sourceById.has(s)) return el("cite", { text: s });
    const button = el("button", { className: "link", type: "button", text: s });
    sourceTargets.set(button, s);
    return el("cite", { title: sourceTitle(s) }, button);
  };
  /* Who says it: the claimants, and the chain that relays their words to the source (nearest the source first). */
  const claimLine = (e) => {
    const claimants = idList(e.claimed_by);
    const relayers = idList(e.via);
    const parts = [];
    if (claimants.length) parts.push("claimed by ", ...nodeLinks(claimants));
    else parts.push(relayers.length ? "relayed by the source" : "reported by the source");
    relayers.forEach((id, i) => parts.push(i === 0 ? ", via " : ", quoting ", nodeLink(id)));
    if (e.note) parts.push(` (${e.note})`);
    if (e.source) parts.push(" · ", sourceRef(e.source));
    return el("p", { className: `claim${claimants.length ? " claimed" : ""}` }, ...parts);
  };
  const quoteBlock = (e) => {
    const stance = e.stance || "supports";
    const against = stance !== "supports";
    const quote = el("blockquote", { className: against ? `stance-${word(stance)}` : "" });
    if (against) quote.append(stanceWord(stance), " ");
    quote.appendChild(document.createTextNode(String(e.quote)));
    return [quote, claimLine(e)];
  };
  const evidenceBlock = (items) => el("div", {}, ...(items || []).flatMap(quoteBlock));
  /* Quotes folded away under a line that counts them and says whether any denies or disputes. */
  const foldedEvidence = (items) => {
    if (!items || !items.length) return null;
    const against = [...new Set(items.map((e) => e.stance || "supports"))].filter((s) => s !== "supports");
    const summary = el(
      "summary",
      {},
      `${items.length} quote${items.length > 1 ? "s" : ""}`,
      ...against.flatMap((s) => [" ", stanceWord(s)]),
    );
    return el("details", { className: "quotes" }, summary, evidenceBlock(items));
  };
  /* Figures grouped by what they measure, so that competing claims stand side by side, each with its quotes. */
  const figuresBlock = (figures) => {
    const out = el("div", { className: "figures" });
    for (const measure of [...new Set(figures.map((f) => f.measure))]) {
      for (const f of figures.filter((g) => g.measure === measure)) {
        const counts = f.counts.length ? [" ", ...nodeLinks(f.counts)] : [];
        out.appendChild(
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
        out.appendChild(evidenceBlock(f.evidence));
      }
    }
    return out;
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
          className: `stance-word ${word(item.stance)}`,
          text: item.stance,
          title: data.summaries[item.stance] || "",
        })
      : null;
  /* A relation seen from `id`; under its partner's heading, without naming the partner again. */
  const connection = (e, id, { partner = true } = {}) => {
    const outgoing = e.from === id;
    if (!partner) {
      const title = `${label(e.from)} — ${e.label} → ${label(e.to)}`;
      const text = `${outgoing ? "→" : "←"} ${spaced(e.label)}`;
      return el("p", { className: "connection", title }, text, " ", summaryBadge(e));
    }
    const arrow = `${e.label}${outgoing ? " → " : " ← "}`;
    return el("p", { className: "connection" }, arrow, nodeLink(outgoing ? e.to : e.from), " ", summaryBadge(e));
  };
  const dateOf = (id) => app.byId.get(id)?.when ?? "";

  /* One shared event of a link, seen from `side`: its date and short name, each side's roles, its quotes. */
  const sharedEvent = ([event, fromRoles, toRoles], link, side, folded) => {
    const n = app.byId.get(event);
    const [mine, theirs] = side === link.from ? [fromRoles, toRoles] : [toRoles, fromRoles];
    const other = side === link.from ? link.to : link.from;
    const item = el(
      "li",
      { className: app.isShown(event) ? "shared" : "shared outside" },
      el("span", { className: "when", text: dateOf(event) }),
      " ",
      nodeLink(event),
      " ",
      summaryBadge(n),
      el("br"),
      el("span", { className: "roles", text: `${label(side)}: ${mine.map(spaced).join(", ")}` }),
      " · ",
      el("span", { className: "roles", text: `${label(other)}: ${theirs.map(spaced).join(", ")}` }),
    );
    const quotes = (n.details || {}).evidence;
    if (quotes) item.appendChild(folded ? foldedEvidence(quotes) : evidenceBlock(quotes));
    return item;
  };
  /* A link between two actors: the events they share and the relations that join them; `folded` (in an actor's
     panel, under the partner's name) folds the quotes away and does not name the partner again. */
  const linkBlock = (link, side, folded = false) => {
    const out = [];
    if (link.events.length) {
      const items = link.events.map((x) => sharedEvent(x, link, side, folded));
      out.push(el("ul", { className: "shared-events" }, ...items));
    }
    for (const id of link.relations) {
      const e = app.edgeById.get(id);
      const quotes = (e.details || {}).evidence;
      out.push(connection(e, side, { partner: !folded }), folded ? foldedEvidence(quotes) : evidenceBlock(quotes));
    }
    return out.filter(Boolean);
  };

  /* ---------- what the panel shows ---------- */
  const showNode = (id) => {
    const n = app.byId.get(id);
    const d = n.details || {};
    const content = [
      el("h2", { className: "title", text: n.label }),
      el("span", { className: "badge", text: n.kind || "node" }),
      n.type && n.type !== n.kind ? el("span", { className: "badge", text: spaced(n.type) }) : null,
      summaryBadge(n),
      app.isShown(id) ? null : el("p", { className: "note", text: "Hidden by a filter or the time window." }),
    ];
    const list = el("dl");
    if (d.date) field(list, "date", `${d.date} (${d.precision || ""})`);
    /* The days it falls on (one day once, not at all when the date is that day), and those it may fall on. */
    if (d.earliest && d.earliest === d.latest) {
      if (d.date !== d.earliest) field(list, "on", d.earliest);
    } else if (d.earliest || d.latest) field(list, "between", `${d.earliest || "open"} and ${d.latest || "open"}`);
    if (d.earliest_possible !== d.earliest || d.latest_possible !== d.latest) {
      const [from, to] = [d.earliest_possible, d.latest_possible];
      field(list, "possibly", from && from === to ? `on ${from}` : `${from || "open"} to ${to || "open"}`);
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
    const links = app.linksOf(id);
    if (links.length) {
      content.push(el("h2", { text: `Linked actors (${links.length})` }));
      for (const link of links) {
        const partner = link.from === id ? link.to : link.from;
        const section = el("section", { className: "partner" }, el("h3", {}, nodeLink(partner)));
        section.append(...linkBlock(link, id, true));
        content.push(section);
      }
    }
    if (n.states) content.push(el("h2", { text: "Status history" }), historyBlock(n.states));
    if (n.figures) content.push(el("h2", { text: "Figures" }), figuresBlock(n.figures));
    if (d.evidence) content.push(el("h2", { text: "Evidence" }), evidenceBlock(d.evidence));
    if (d.participants) {
      const added = (p) => (p.source ? ` (added by ${sourceTitle(p.source)})` : "");
      content.push(
        el("h2", { text: "Participants" }),
        el("ul", {}, ...d.participants.map((p) => el("li", {}, nodeLink(p.actor), ` — ${p.role}${added(p)}`))),
      );
    }
    /* An entity's connections other than its actor links; an event's links to other events. */
    const edges = data.edges.filter(
      (e) =>
        (e.from === id || e.to === id) &&
        app.visible.edges.has(e.id) &&
        (n.kind === kinds.event ? e.kind === kinds.relation : !links.some((k) => k.relations.includes(e.id))),
    );
    if (edges.length) {
      content.push(el("h2", { text: n.kind === kinds.event ? "Links to events" : "Connections" }));
      for (const e of edges) content.push(connection(e, id), evidenceBlock((e.details || {}).evidence));
    }
    return content;
  };
  const showEdge = (id) => {
    const e = app.edgeById.get(id);
    const d = e.details || {};
    const list = el("dl");
    field(list, "from", nodeLink(e.from));
    field(list, "to", nodeLink(e.to));
    field(list, "date", d.date ? `${d.date} (${d.precision || ""})` : null);
    field(list, "description", d.description);
    field(list, "note", d.note);
    rest(list, d, fields.edge);
    return [
      el("h2", { className: "title", text: e.label }),
      el("span", { className: "badge", text: e.kind || "edge" }),
      e.link ? el("span", { className: "badge", text: "event link" }) : null,
      summaryBadge(e),
      list,
      el("h2", { text: "Evidence" }),
      evidenceBlock(d.evidence),
    ];
  };
  const showLink = (id) => {
    const link = app.linkById.get(id);
    const count = link.events.length;
    return [
      el("h2", { className: "title", text: `${label(link.from)} — ${label(link.to)}` }),
      el("span", { className: "badge", text: "actor link" }),
      el("p", {}, nodeLink(link.from), " and ", nodeLink(link.to)),
      count ? el("h2", { text: `${count} shared event${count > 1 ? "s" : ""}` }) : null,
      ...linkBlock(link, link.from),
    ];
  };

  const sources = app.parts.sourcePanel(app, { el, field, nodeLink, summaryBadge });
  const show = (sel) => {
    let content = [];
    if (sel && sel.type === "node") content = showNode(sel.id);
    else if (sel && sel.type === "edge") content = showEdge(sel.id);
    else if (sel && sel.type === "link") content = showLink(sel.id);
    else if (sel && sel.type === "source") content = sources.show(sel.id);
    body.replaceChildren(...content.filter(Boolean));
    box.hidden = !sel;
  };

  box.addEventListener("click", (event) => {
    const button = event.target.closest("button.link");
    if (linkTargets.has(button)) app.select(linkTargets.get(button), { focus: true });
    else if (sourceTargets.has(button)) app.selectSource(sourceTargets.get(button));
  });
  document.getElementById("close-panel").addEventListener("click", () => app.clearSelection());

  return { show, evidenceBlock };
};
