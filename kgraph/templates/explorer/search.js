/* kgraph explorer, part "search": find a node by its name, an alias in any language, or (for an event) its short
   label, without accents or case. As the reader types, a list of suggestions opens under the box (an ARIA 1.2
   combobox with a listbox popup): each shows the node's name, its kind (an event's type and date), the alias
   that matched and its language, and whether a filter or the time window hides it. Names are folded once, when
   the page is first idle; a keystroke then walks them in a fixed order, so that it answers in a few milliseconds at 5,000
   nodes. Names are data: they are only ever set as text. */
(globalThis.kgraphParts ??= {}).search = (app, container) => {
  "use strict";

  const { data, util } = app;
  const { el } = util;
  /* At most this many suggestions are listed; the list says how many more match. */
  const SHOWN = 12;
  const HIDDEN_NOTE = "hidden by a filter or the time window";
  /* ---------- the box, its suggestions and its messages ---------- */
  const input = el("input", {
    id: "search",
    type: "text",
    role: "combobox",
    placeholder: "Name or alias",
    autocomplete: "off",
    autocapitalize: "off",
    spellcheck: "false",
    enterkeyhint: "search",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": "search-list",
    "aria-describedby": "search-status",
  });
  const label = el("label", { for: "search", id: "search-label", text: "Find" });
  const list = el("ul", { id: "search-list", role: "listbox", "aria-label": "Matching names" });
  const more = el("p", { id: "search-more" });
  const popup = el("div", { id: "search-popup", hidden: "" }, list, more);
  const statusText = el("span", { className: "search-status-text" });
  const showButton = el("button", { type: "button", id: "search-show", hidden: "", text: "Show it" });
  const dismiss = el("button", { type: "button", className: "search-dismiss", "aria-label": "Dismiss", text: "×" });
  const status = el("div", { id: "search-status", "aria-live": "polite", hidden: "" }, statusText, showButton, dismiss);
  status.setAttribute("role", "status"); /* the search's messages, and other parts' notes (note) */
  const count = el("div", { id: "search-count", className: "search-visually-hidden", "aria-live": "polite" });
  container.setAttribute("role", "search");
  container.append(label, input, popup, status, count);

  const { key, matches, find, marked } = app.parts.searchIndex(app, SHOWN);

  let languages = null;
  /* A language tag said in English ("hy-Latn": "Armenian (Latin)"), or the tag itself. */
  const language = (tag) => {
    try {
      languages ??= new Intl.DisplayNames(["en"], { type: "language" });
      const name = languages.of(tag);
      return name && name !== tag ? `${name}, ${tag}` : tag;
    } catch {
      return tag;
    }
  };
  const option = (match, i, q) => {
    const { node } = match.entry;
    const shown = app.isShown(node.id);
    const item = el("li", {
      id: `search-option-${i}`,
      role: "option",
      "aria-selected": "false",
      className: shown ? "search-option" : "search-option search-hidden",
    });
    const swatch = el("span", { className: `search-swatch ${node.shape}`, "aria-hidden": "true" });
    swatch.style.background = node.color;
    const how = match.name.how;
    item.appendChild(
      el(
        "span",
        { className: "search-name" },
        swatch,
        el("span", {}, how === "label" ? marked(node.label, q) : node.label),
      ),
    );
    const kind = util.spaced(node.kind);
    const meta = el("span", { className: "search-meta" });
    if (node.kind === data.kinds.event) meta.append(`${kind} · `, how === "short" ? marked(node.short, q) : node.short);
    else meta.append(node.type && node.type !== node.kind ? `${kind} · ${util.spaced(node.type)}` : kind);
    item.appendChild(meta);
    if (how === "alias") {
      const alias = el("span", { className: "search-alias" }, "also “", marked(match.name.text, q), "”");
      if (match.name.lang) alias.append(` · ${language(match.name.lang)}`);
      item.appendChild(alias);
    }
    if (!shown) item.appendChild(el("span", { className: "search-hidden-note", text: HIDDEN_NOTE }));
    return item;
  };

  /* ---------- the list: open, move, pick ---------- */
  let found = [];
  let total = 0;
  let active = -1;
  const options = () => list.children;
  const isOpen = () => !popup.hidden;
  /* The list and the messages sit under the box and never leave the screen: the list is 32 rem wide, or the
     screen's width less a margin, and no taller than the room below the box. */
  const place = (box) => {
    const margin = 8;
    const anchor = input.getBoundingClientRect();
    const room = window.innerWidth - 2 * margin;
    box.style.maxWidth = `${room}px`;
    if (box === popup) {
      box.style.width = `${Math.min(32 * parseFloat(getComputedStyle(input).fontSize), room)}px`;
      box.style.maxHeight = `${Math.max(120, window.innerHeight - anchor.bottom - 4 - margin)}px`;
    }
    const width = Math.min(box.offsetWidth, room);
    box.style.left = `${Math.max(margin, Math.min(anchor.left, window.innerWidth - width - margin))}px`;
    box.style.top = `${anchor.bottom + 4}px`;
  };
  const setActive = (i) => {
    const all = options();
    if (active >= 0 && all[active]) all[active].setAttribute("aria-selected", "false");
    active = i;
    if (active >= 0 && all[active]) {
      all[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };
  const close = () => {
    setActive(-1);
    popup.hidden = true;
    input.setAttribute("aria-expanded", "false");
  };
  let counting = null;
  const say = (text) => {
    clearTimeout(counting);
    counting = setTimeout(() => {
      count.textContent = text;
    }, 400);
  };
  /* Lists the matches of what is typed; an empty box or no match closes the list. */
  const suggest = () => {
    ({ top: found, total } = matches(input.value));
    const q = key(input.value);
    list.replaceChildren(...found.map((match, i) => option(match, i, q)));
    const rest = total - found.length;
    more.textContent =
      rest > 0 ? `${rest} more ${rest === 1 ? "name matches" : "names match"}: type more to narrow` : "";
    more.hidden = rest <= 0;
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!found.length) {
      close();
      say(q ? "No name matches" : "");
      return;
    }
    popup.hidden = false;
    input.setAttribute("aria-expanded", "true");
    place(popup);
    say(`${total} name${total === 1 ? "" : "s"} match${total === 1 ? "es" : ""}`);
  };
  let offered = null;
  let toldAt = null;
  let noted = false; /* the message is another part's note (see note), not the search's */
  const quiet = () => {
    offered = null;
    noted = false;
    status.hidden = true;
    statusText.textContent = "";
    showButton.hidden = true;
  };
  const tell = (text, offer = null) => {
    offered = offer;
    toldAt = app.state.selected;
    statusText.textContent = text;
    showButton.hidden = offer === null;
    status.hidden = false;
    noted = false;
    place(status);
  };
  /* A note from another part in the same place (a shared link that names what the page lacks): it goes when
     dismissed, when the search speaks, or when that part takes it back (unnote). */
  const note = (text) => {
    tell(text);
    noted = true;
  };
  const unnote = () => {
    if (noted) quiet();
  };
  /* Picking selects the node, or says that it is hidden and offers to show it. */
  const pick = (match) => {
    const { node } = match.entry;
    input.value = node.label;
    close();
    if (app.isShown(node.id)) {
      quiet();
      app.select(node.id, { focus: true, show: true });
    } else {
      tell(`“${node.label}” is ${HIDDEN_NOTE}.`, node.id);
    }
  };
  const miss = () => {
    close();
    app.clearSelection();
    tell(`No name matches “${input.value.trim()}”.`);
  };
  showButton.addEventListener("click", () => {
    const id = offered;
    quiet();
    if (id === null) return;
    app.reveal(id);
    app.select(id, { focus: true, show: true });
    input.focus();
  });
  dismiss.addEventListener("click", () => {
    const was = noted;
    quiet();
    if (!was) input.focus(); /* back to the search it answered; a note answered none */
  });

  /* ---------- keys, typing and the mouse ---------- */
  input.addEventListener("input", () => {
    quiet();
    suggest();
  });
  input.addEventListener("keydown", (event) => {
    if (event.isComposing) return;
    const n = found.length;
    const move = (i) => {
      event.preventDefault();
      if (!isOpen()) suggest();
      if (isOpen()) setActive(i);
    };
    switch (event.key) {
      case "ArrowDown":
        if (event.altKey) {
          event.preventDefault();
          if (!isOpen()) suggest();
        } else move(!isOpen() || active < 0 || active >= n - 1 ? 0 : active + 1);
        break;
      case "ArrowUp":
        move(!isOpen() || active <= 0 ? n - 1 : active - 1);
        break;
      case "Home":
      case "End":
        if (isOpen() && active >= 0) {
          event.preventDefault();
          setActive(event.key === "Home" ? 0 : n - 1);
        }
        break;
      case "Enter": {
        event.preventDefault();
        if (isOpen() && active >= 0) {
          pick(found[active]);
          break;
        }
        const { top } = matches(input.value, 1);
        if (top.length) pick(top[0]);
        else if (input.value.trim()) miss();
        break;
      }
      case "Escape":
        event.preventDefault();
        if (isOpen()) close();
        else {
          input.value = "";
          found = [];
          total = 0;
          quiet();
          say("");
        }
        break;
      default:
        break;
    }
  });
  input.addEventListener("click", () => {
    if (!isOpen() && input.value.trim()) suggest();
  });
  /* A press on the list keeps the focus in the box; the click that follows picks. */
  popup.addEventListener("mousedown", (event) => event.preventDefault());
  list.addEventListener("click", (event) => {
    const item = event.target.closest('[role="option"]');
    if (item) pick(found[[...options()].indexOf(item)]);
  });
  container.addEventListener("focusout", (event) => {
    if (!container.contains(event.relatedTarget)) close();
  });
  const replace = () => {
    if (isOpen()) place(popup);
    if (!status.hidden) place(status);
  };
  window.addEventListener("resize", replace);
  /* What a filter or the window hides changes under an open list; a message goes once it is out of date: the
     node offered shows, or something else is selected. */
  app.on(() => {
    if (isOpen()) {
      const was = active;
      suggest();
      setActive(Math.min(was, options().length - 1));
    }
    if ((offered !== null && app.isShown(offered)) || app.state.selected !== toldAt) quiet();
  });

  return { find, note, unnote };
};
