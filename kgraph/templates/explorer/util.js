/* kgraph explorer, part "util": helpers every part uses. Annotation text is data: these helpers only ever
   set it as text (textContent, text nodes, attribute values), never parse it as markup. */
(globalThis.kgraphParts ??= {}).util = (() => {
  "use strict";

  const DAY = 86400000;
  /* An element with attributes ("text" sets its text, "className" its class) and children (text or nodes). */
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, value] of Object.entries(attrs)) {
      if (value === undefined || value === null) continue;
      if (k === "text") node.textContent = value;
      else if (k === "className") node.className = value;
      else node.setAttribute(k, value);
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  };
  const svg = (tag, attrs = {}) => {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, value] of Object.entries(attrs)) {
      if (value === undefined || value === null) continue;
      if (k === "text") node.textContent = value;
      else node.setAttribute(k, value);
    }
    return node;
  };
  /* Text as search compares it: without accents, case or repeated spaces. */
  const fold = (text) =>
    String(text)
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  /* A day ("YYYY-MM-DD") as a whole number of days since 1970-01-01, and back. */
  const day = (isoDay) => (isoDay ? globalThis.kgraphParts.days.day(isoDay) : null);
  const { iso } = globalThis.kgraphParts.days;
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  /* A day number said briefly: "12 Jul 2023". */
  const sayDay = (dayNumber) => {
    const d = new Date(dayNumber * DAY);
    return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  };
  /* Any value as plain text: lists joined with "; ", objects as "key: value" pairs. */
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
  /* Words joined as a reader joins them: "a", "a and b", "a, b and c" (items may be nodes). */
  const joined = (items) =>
    items.flatMap((item, i) => [i === 0 ? null : i === items.length - 1 ? " and " : ", ", item]).filter(Boolean);

  /* A time window as EDTF text, ".." for an open end: "2023-01-01/..". */
  const windowText = (start, end) => `${start === null ? ".." : iso(start)}/${end === null ? ".." : iso(end)}`;
  return { DAY, MONTHS, el, svg, fold, day, iso, sayDay, plain, spaced, idList, joined, windowText };
})();
