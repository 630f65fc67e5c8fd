/* kgraph explorer, part "controls": the view switch, the time window (typed, or with sliders), the filters,
   the drawers that hold the sidebar and the panel on small screens, and saving the view as a PNG. Controls
   that can do nothing are not shown: no time window on an undated graph, no map without coordinates. */
(globalThis.kgraphParts ??= {}).controls = (app, options) => {
  "use strict";

  const { VIEWS, VIEW_NAMES, noFilters } = options;
  const { data, state, util } = app;
  const { el } = util;
  const $ = (id) => document.getElementById(id);

  /* ---------- views ---------- */
  const viewBar = $("views");
  for (const name of VIEWS) {
    const button = el("button", { type: "button", "data-view": name, "aria-pressed": "false", text: VIEW_NAMES[name] });
    button.addEventListener("click", () => app.setView(name));
    viewBar.appendChild(button);
  }

  /* ---------- the time window: a typed EDTF or ISO date or interval, sliders, and the question asked ---------- */
  const windowInput = $("time-window");
  const windowError = $("time-window-error");
  const fromInput = $("time-from");
  const toInput = $("time-to");
  const modeSelect = $("time-mode");
  const extent = app.extent;
  $("time-control").hidden = !extent;
  const windowText = () => {
    const { start, end } = state.window;
    if (start === null && end === null) return "";
    return util.windowText(start, end);
  };
  const applyTyped = () => {
    const text = windowInput.value.trim();
    if (!text) {
      windowError.textContent = "";
      app.setWindow(null, null);
      return;
    }
    const parsed = app.parts.window.parse(windowInput.value); /* trimmed as Python trims, by the parser */
    if (parsed.error) {
      windowError.textContent = parsed.error;
      windowInput.setAttribute("aria-invalid", "true");
      return;
    }
    windowError.textContent = "";
    windowInput.removeAttribute("aria-invalid");
    app.setWindow(parsed.start, parsed.end);
  };
  if (extent) {
    $("time-window-form").addEventListener("submit", (event) => {
      event.preventDefault();
      applyTyped();
    });
    windowInput.addEventListener("change", applyTyped);
    for (const input of [fromInput, toInput]) {
      input.min = extent.min;
      input.max = extent.max;
    }
    /* A slider at its end leaves that end of the window open, as "All time" does. */
    /* A drag sends an input event per pixel: the page follows once a frame. */
    let pending = false;
    const slid = () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        let from = Number(fromInput.value);
        let to = Number(toInput.value);
        if (from > to) [from, to] = [to, from];
        app.setWindow(from <= extent.min ? null : from, to >= extent.max ? null : to);
      });
    };
    fromInput.addEventListener("input", slid);
    toInput.addEventListener("input", slid);
    $("time-reset").addEventListener("click", () => app.setWindow(null, null));
    modeSelect.addEventListener("change", () => app.setWindow(state.window.start, state.window.end, modeSelect.value));
  }

  /* ---------- legend ---------- */
  const swatch = (color, shape) => {
    const s = el("span", { className: `swatch ${shape}` });
    s.style.background = color;
    return s;
  };
  const legend = $("legend");
  for (const k of data.legend.nodes) {
    if (k.name !== data.kinds.event) {
      legend.appendChild(el("div", {}, swatch(k.color, k.shape), k.name));
      continue;
    }
    /* Events take their type's colour: the swatch shows a few of them, the filters below name them all. */
    const mixed = swatch(k.color, k.shape);
    const colours = Object.values(data.typeColors).slice(0, 4);
    if (colours.length > 1) mixed.style.background = `linear-gradient(135deg, ${colours.join(", ")})`;
    legend.appendChild(el("div", {}, mixed, `${k.name} (colour: its type)`));
  }
  legend.appendChild(
    el("div", { className: "in-actors" }, swatch(app.INK.link, "line"), "actor link (width: how many)"),
  );
  for (const k of data.legend.edges) legend.appendChild(el("div", {}, swatch(k.color, "line"), k.name));
  if ([...data.nodes, ...data.edges].some((item) => item.stance)) {
    legend.appendChild(el("div", {}, swatch(app.INK.edgeText, "line dashed"), "dashed: denied or disputed"));
  }
  if (data.nodes.some((n) => n.notYet)) {
    const hollow = swatch(app.INK.hollow, "hexagon outline");
    legend.appendChild(el("div", {}, hollow, "hollow: not yet happened when reported (planned, predicted, ...)"));
  }

  /* ---------- filters ---------- */
  const filters = $("filters");
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
        app.render();
      });
      boxes.push(box);
      /* Event types carry the timeline's colour for them. */
      const colour = group.name === "type" && app.typeColors ? app.typeColors[value] : null;
      filters.appendChild(el("label", {}, box, " ", colour ? swatch(colour, "hexagon") : null, util.spaced(value)));
    }
  }
  const hideIsolated = $("hide-isolated");
  hideIsolated.addEventListener("change", () => {
    state.hideIsolated = hideIsolated.checked;
    app.render();
  });
  /* Evidence filters: only what some quote denies or disputes; only what one claimant says. */
  const disputed = $("disputed-only");
  disputed.addEventListener("change", () => {
    state.disputedOnly = disputed.checked;
    app.render();
  });
  const claimant = $("claimant");
  /* Who claims something: a large graph's data lists them (its quotes are read only when needed). */
  const claimants = new Set(data.columns ? data.columns.claimants : []);
  for (const item of data.columns ? [] : [...data.nodes, ...data.edges]) {
    for (const e of app.quotesOf(item)) {
      for (const id of [...util.idList(e.claimed_by), ...util.idList(e.via)]) claimants.add(id);
    }
  }
  const named = [...claimants].sort((a, b) => (app.byId.get(a)?.label ?? a).localeCompare(app.byId.get(b)?.label ?? b));
  for (const id of named) claimant.appendChild(el("option", { value: id, text: app.byId.get(id)?.label ?? id }));
  $("claimant-filter").hidden = !named.length;
  $("disputed-filter").hidden = ![...data.nodes, ...data.edges].some((item) => item.stance);
  claimant.addEventListener("change", () => {
    state.claimant = claimant.value;
    app.render();
  });

  /* ---------- drawers (small screens) and the PNG ---------- */
  /* On a narrow screen the sidebar is a drawer: out of the tab order while closed, closed by its button, by
     Escape and by a tap outside it. */
  const body = document.body;
  const sidebar = $("sidebar");
  const opener = $("open-sidebar");
  const narrow = window.matchMedia("(max-width: 760px)");
  const setDrawer = (open) => {
    body.classList.toggle("sidebar-open", open);
    opener.setAttribute("aria-expanded", String(open));
    sidebar.inert = narrow.matches && !open;
    if (open) $("close-sidebar").focus({ preventScroll: true });
  };
  setDrawer(false);
  narrow.addEventListener("change", () => setDrawer(false));
  opener.addEventListener("click", () => setDrawer(!body.classList.contains("sidebar-open")));
  $("close-sidebar").addEventListener("click", () => {
    setDrawer(false);
    opener.focus({ preventScroll: true });
  });
  document.addEventListener("pointerdown", (event) => {
    if (body.classList.contains("sidebar-open") && !sidebar.contains(event.target) && !opener.contains(event.target)) {
      setDrawer(false);
    }
  });
  /* Escape closes what is open: the drawer first, then the panel (keys typed into a field stay the field's). */
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    if (body.classList.contains("sidebar-open")) {
      setDrawer(false);
      opener.focus({ preventScroll: true });
    } else if (state.selected && !event.target.closest("input, select, textarea")) {
      app.clearSelection();
    }
  });
  $("save-png").addEventListener("click", () => app.png.save());
  /* The drawing fitted to the screen again: what is shown, after zooming, panning or a change of window. */
  const fitButton = el("button", {
    type: "button",
    className: "graph-fit",
    text: "Fit",
    title: "Fit what is shown to the screen",
  });
  fitButton.addEventListener("click", () => app.fit());
  $("graph").appendChild(fitButton);

  /* The controls, set from the state (after a fragment is read, or a match revealed). */
  const load = () => {
    for (const box of boxes) box.checked = !state.off[box.dataset.filter].has(box.value);
    hideIsolated.checked = state.hideIsolated;
    disputed.checked = state.disputedOnly;
    claimant.value = state.claimant;
    if (!extent) return;
    modeSelect.value = state.window.mode;
    fromInput.value = state.window.start ?? extent.min;
    toInput.value = state.window.end ?? extent.max;
    if (document.activeElement !== windowInput) windowInput.value = windowText();
    windowError.textContent = ""; /* a window set any other way replaces the typed one, and its error */
    windowInput.removeAttribute("aria-invalid");
  };
  /* How many filters hide something: said on the drawer's button, since the drawer hides them. */
  const activeFilters = () =>
    Object.values(state.off).reduce((sum, values) => sum + values.size, 0) +
    Number(state.hideIsolated) +
    Number(state.disputedOnly) +
    Number(Boolean(state.claimant));
  /* A view with nothing to draw says why, and offers the way back. */
  const empty = el(
    "div",
    { className: "empty-view", role: "status", hidden: true },
    el("p", { className: "why" }),
    el("button", { type: "button", className: "clear-filters", text: "Clear the filters" }),
    " ",
    el("button", { type: "button", className: "all-time", text: "All time" }),
  );
  $("graph").appendChild(empty);
  empty.querySelector(".clear-filters").addEventListener("click", () => {
    Object.assign(state, { off: noFilters(), hideIsolated: false, disputedOnly: false, claimant: "" });
    load();
    app.render();
  });
  empty.querySelector(".all-time").addEventListener("click", () => app.setWindow(null, null));

  /* What changes with every render: the window's ends said in words. */
  const show = () => {
    const count = activeFilters();
    opener.textContent = count ? `Filters (${count})` : "Filters";
    opener.title = count ? `${count} filter${count > 1 ? "s" : ""} hide something` : "";
    const view = app.views.get(state.view);
    const windowed = extent && (state.window.start !== null || state.window.end !== null);
    empty.hidden = view.shownNodes.size > 0;
    if (!empty.hidden) {
      const by = [count ? "the filters" : null, windowed ? "the time window" : null].filter(Boolean);
      empty.querySelector(".why").textContent =
        `Nothing to show in this view${by.length ? `: ${by.join(" and ")} leave nothing` : ""}.`;
      empty.querySelector(".clear-filters").hidden = !count;
      empty.querySelector(".all-time").hidden = !windowed;
    }
    if (!extent) return;
    const { start, end } = state.window;
    $("time-from-label").textContent = start === null ? "open" : util.iso(start);
    $("time-to-label").textContent = end === null ? "open" : util.iso(end);
  };
  return { load, show, noFilters, claimants };
};
