/* kgraph explorer, part "searchIndex": how search matches names. Every node's names (its label, an event's
   short label, its aliases) are folded once (no accents, no case, apostrophes dropped, other punctuation a
   space), when the page is first idle; a query then walks them in a fixed order (kind, then name) and ranks
   each node by its best name: the whole name, its start, a word's start, inside, or all its words. */
(globalThis.kgraphParts ??= {}).searchIndex = (app, SHOWN) => {
  "use strict";

  const { data, util } = app;
  const { el, fold } = util;
  /* How a name matches the query, best first. */
  const EXACT = 0;
  const NAME_START = 1;
  const WORD_START = 2;
  const INSIDE = 3;
  const ALL_WORDS = 4;

  /* ---------- the index: every name folded once, nodes in their tie order ---------- */
  const WORDS = /[^\p{L}\p{N}]+/gu;
  const APOSTROPHES = /['\u2019\u02bc]/g;
  const APOSTROPHE = /^['\u2019\u02bc]$/;
  /* A name as search compares it: folded (no accents, no case), apostrophes dropped, other punctuation a space. */
  const key = (text) => fold(String(text).replace(APOSTROPHES, "")).replace(WORDS, " ").trim();
  const kindOrder = new Map(data.legend.nodes.map((k, i) => [k.name, i]));
  const entry = (n) => {
    const names = [{ key: key(n.label), text: n.label, how: "label" }];
    if (n.kind === data.kinds.event && n.short && n.short !== n.label) {
      names.push({ key: key(n.short), text: n.short, how: "short" });
    }
    const given = "aliases" in n ? n.aliases : (n.details || {}).aliases; /* a large graph's records carry them */
    const aliases = (given || []).filter((a) => a && typeof a === "object");
    for (const name of (n.names || []).slice(1)) {
      const alias = aliases.find((a) => String(a.name) === name);
      names.push({ key: key(name), text: name, how: "alias", lang: alias && alias.lang ? String(alias.lang) : "" });
    }
    const order = kindOrder.get(n.kind) ?? kindOrder.size;
    return { node: n, names: names.filter((name) => name.key), order, label: names[0].key };
  };
  let index = null;
  const folded = [];
  const built = () => {
    if (index) return index;
    while (folded.length < data.nodes.length) folded.push(entry(data.nodes[folded.length]));
    index = folded.sort((a, b) => a.order - b.order || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    return index;
  };
  /* Folded a slice at a time while the page is idle once it is ready, so that neither the page nor the first
     keystroke waits for it (a search before the end folds the rest at once). */
  const SLICE = 4000;
  const later = (fn) => (window.requestIdleCallback || setTimeout)(fn);
  const idle = () => {
    if (index) return;
    const end = Math.min(folded.length + SLICE, data.nodes.length);
    while (folded.length < end) folded.push(entry(data.nodes[folded.length]));
    if (folded.length < data.nodes.length) later(idle);
    else built();
  };
  if (document.body.dataset.ready === "true") later(idle);
  else window.addEventListener("kgraph-ready", () => later(idle), { once: true });

  /* How well one name matches the query (a key), or -1. */
  const rankOf = (name, q, words) => {
    if (name === q) return EXACT;
    if (name.startsWith(q)) return NAME_START;
    if (name.includes(` ${q}`)) return WORD_START;
    if (name.includes(q)) return INSIDE;
    if (words.length > 1 && words.every((w) => name.startsWith(w) || name.includes(` ${w}`))) return ALL_WORDS;
    return -1;
  };
  /* The first `limit` nodes a query matches, best first (by how the node's best name matches, then its kind,
     then its name), and how many match in all. A match shows the node's label, or an event's short label, when
     that matches at all; otherwise the alias that matches best. */
  const matches = (query, limit = SHOWN) => {
    const q = key(query);
    const buckets = [[], [], [], [], []];
    let total = 0;
    if (!q) return { top: [], total };
    const words = q.split(" ");
    for (const entry of built()) {
      let best = -1;
      let shown = null;
      let alias = null;
      let aliasRank = -1;
      for (const name of entry.names) {
        const rank = rankOf(name.key, q, words);
        if (rank < 0) continue;
        if (name.how !== "alias") shown ??= name;
        else if (aliasRank < 0 || rank < aliasRank) [alias, aliasRank] = [name, rank];
        if (best < 0 || rank < best) best = rank;
      }
      if (best < 0) continue;
      total += 1;
      if (buckets[best].length < limit) buckets[best].push({ entry, name: shown ?? alias });
    }
    return { top: buckets.flat().slice(0, limit), total };
  };
  const find = (query) => {
    const { top } = matches(query, 1);
    return top.length ? top[0].entry.node.id : null;
  };

  /* The text with the parts that match the query marked; nothing is marked where folding changed the text. */
  const marked = (text, q) => {
    const chars = [...String(text)];
    let folded = "";
    const at = [];
    chars.forEach((char, i) => {
      const piece = APOSTROPHE.test(char) ? "" : /^\s$/.test(char) ? " " : fold(char).replace(WORDS, " ");
      for (const c of piece) {
        if (c === " " && (folded === "" || folded.endsWith(" "))) continue;
        folded += c;
        at.push(i);
      }
    });
    const out = document.createDocumentFragment();
    if (folded.trimEnd() !== key(text)) {
      out.append(String(text));
      return out;
    }
    const wordAt = (w) => (folded.startsWith(w) ? 0 : folded.indexOf(` ${w}`) < 0 ? -1 : folded.indexOf(` ${w}`) + 1);
    const whole = wordAt(q) >= 0 ? wordAt(q) : folded.indexOf(q);
    const spans = (whole >= 0 ? [[whole, q]] : q.split(" ").map((w) => [wordAt(w), w])).filter(([i]) => i >= 0);
    spans.sort((a, b) => a[0] - b[0]);
    let done = 0;
    for (const [start, w] of spans) {
      const from = at[start];
      const to = at[start + w.length - 1] + 1;
      if (from < done) continue;
      out.append(chars.slice(done, from).join(""), el("mark", { text: chars.slice(from, to).join("") }));
      done = to;
    }
    out.append(chars.slice(done).join(""));
    return out;
  };
  return { key, matches, find, marked };
};
