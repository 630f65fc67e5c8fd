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
    return `${start === null ? ".." : util.iso(start)}/${end === null ? ".." : util.iso(end)}`;
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
    const slid = () => {
      let from = Number(fromInput.value);
      let to = Number(toInput.value);
      if (from > to) [from, to] = [to, from];
      app.setWindow(from <= extent.min ? null : from, to >= extent.max ? null : to);
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
  for (const k of data.legend.nodes) legend.appendChild(el("div", {}, swatch(k.color, k.shape), k.name));
  legend.appendChild(
    el("div", { className: "in-actors" }, swatch(app.INK.link, "line"), "actor link (width: how many)"),
  );
  for (const k of data.legend.edges) legend.appendChild(el("div", {}, swatch(k.color, "line"), k.name));
  if ([...data.nodes, ...data.edges].some((item) => item.stance)) {
    legend.appendChild(el("div", {}, swatch(app.INK.edgeText, "line dashed"), "dashed: denied or disputed"));
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
      filters.appendChild(el("label", {}, box, " ", colour ? swatch(colour, "dot") : null, util.spaced(value)));
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
  const claimants = new Set();
  for (const item of [...data.nodes, ...data.edges]) {
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
  const body = document.body;
  $("open-sidebar").addEventListener("click", () => body.classList.toggle("sidebar-open"));
  $("close-sidebar").addEventListener("click", () => body.classList.remove("sidebar-open"));
  $("save-png").addEventListener("click", () => {
    const canvas = app.views.get(state.view).box.querySelector("canvas");
    const out = el("canvas");
    out.width = canvas.width;
    out.height = canvas.height;
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    const link = el("a", { href: out.toDataURL("image/png"), download: `kgraph-${state.view}.png` });
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

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
  };
  /* What changes with every render: the window's ends said in words. */
  const show = () => {
    if (!extent) return;
    const { start, end } = state.window;
    $("time-from-label").textContent = start === null ? "open" : util.iso(start);
    $("time-to-label").textContent = end === null ? "open" : util.iso(end);
    body.classList.toggle("has-selection", state.selected !== null);
  };
  return { load, show, noFilters };
};
