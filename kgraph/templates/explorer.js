/* kgraph explorer: the graph, a legend, filters, a time window and a linked timeline.
   Annotation text is data: it is only ever set as textContent, never parsed as markup. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kgraph-data").textContent);
  var DAY = 86400000;
  var byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  var edgeById = new Map(data.edges.map(function (e) { return [e.id, e]; }));

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    return node;
  }
  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function day(iso) { return iso ? Math.floor(Date.parse(iso + "T00:00:00Z") / DAY) : null; }
  function iso(dayNumber) { return new Date(dayNumber * DAY).toISOString().slice(0, 10); }
  function plain(value) {
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) return value.map(plain).join("; ");
    if (typeof value === "object") return Object.keys(value).map(function (k) { return k + ": " + plain(value[k]); }).join(", ");
    return String(value);
  }

  /* ---------- time: [face start, face end, possible start, possible end] as day numbers ---------- */
  function times(item) {
    var t = item.t || [null, null, null, null];
    return t.map(day);
  }
  var dated = data.nodes.concat(data.edges).map(times).filter(function (t) { return t[0] !== null || t[1] !== null; });
  var minDay = Infinity, maxDay = -Infinity;
  dated.forEach(function (t) {
    [t[0], t[1]].forEach(function (d) { if (d !== null) { minDay = Math.min(minDay, d); maxDay = Math.max(maxDay, d); } });
  });
  var hasTime = dated.length > 0;

  var state = {
    from: hasTime ? minDay : null, to: hasTime ? maxDay : null,
    off: { kind: new Set(), type: new Set(), role: new Set(), relation: new Set() },
    hideIsolated: false, selected: null, mode: "overlapping"
  };

  /* The same two questions as kgraph's Python API: could the date fall in the window (overlapping), or
     does it certainly fall in it (within)? Both use the widened bounds; an open end is never certainly inside.
     Undated things (entities, timeless relations) are in every window. */
  function inWindow(item) {
    if (!hasTime) return true;
    var t = times(item);
    if (t[0] === null && t[1] === null && t[2] === null && t[3] === null) return true;
    var start = t[2] !== null ? t[2] : t[0], end = t[3] !== null ? t[3] : t[1];
    if (state.mode === "within") {
      var lowOpen = t[0] === null, highOpen = t[1] === null;
      return !lowOpen && !highOpen && start >= state.from && end <= state.to;
    }
    if (state.from === minDay && state.to === maxDay) return true;
    return (t[0] === null || start <= state.to) && (t[1] === null || end >= state.from);
  }

  /* ---------- the network ---------- */
  function nodeColor(n, dim) {
    if (dim) return { background: "#e6e6e6", border: "#d0d0d0", highlight: { background: n.color, border: "#222" } };
    return { background: n.color, border: n.border, highlight: { background: n.color, border: "#111" }, hover: { background: n.color, border: "#111" } };
  }
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var item = { id: n.id, label: n.label, shape: n.shape, size: n.size, color: nodeColor(n, false),
                 font: { size: 13, color: "#222", strokeWidth: 3, strokeColor: "#ffffff" } };
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return { id: e.id, from: e.from, to: e.to, label: data.edgeLabels ? e.label : undefined,
             arrows: data.directed ? "to" : undefined, color: { color: e.color, highlight: "#111", hover: "#111" },
             width: e.kind === "relation" ? 2 : 1, font: { size: 10, color: "#555", strokeWidth: 2, align: "middle" } };
  }));
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  /* ---------- visibility: filters and the time window ---------- */
  var visibleNodes = new Set(data.nodes.map(function (n) { return n.id; }));
  var visibleEdges = new Set(data.edges.map(function (e) { return e.id; }));

  function nodeShown(n) {
    if (n.kind === "event") { if (state.off.type.has(n.type)) return false; }
    else if (state.off.kind.has(n.kind || "other")) return false;
    return inWindow(n);
  }
  function edgeShown(e, shownNodes) {
    if (!shownNodes.has(e.from) || !shownNodes.has(e.to)) return false;
    if (e.kind === "participation" && state.off.role.has(e.type)) return false;
    if (e.kind === "relation" && state.off.relation.has(e.type)) return false;
    return inWindow(e);
  }
  function applyVisibility() {
    var shown = new Set();
    data.nodes.forEach(function (n) { if (nodeShown(n)) shown.add(n.id); });
    var shownEdges = new Set();
    data.edges.forEach(function (e) { if (edgeShown(e, shown)) shownEdges.add(e.id); });
    if (state.hideIsolated) {
      var touched = new Set();
      shownEdges.forEach(function (id) { var e = edgeById.get(id); touched.add(e.from); touched.add(e.to); });
      data.nodes.forEach(function (n) { if (n.kind !== "event" && !touched.has(n.id)) shown.delete(n.id); });
    }
    var nodeUpdates = [], edgeUpdates = [];
    data.nodes.forEach(function (n) {
      var now = shown.has(n.id);
      if (now !== visibleNodes.has(n.id)) nodeUpdates.push({ id: n.id, hidden: !now });
    });
    data.edges.forEach(function (e) {
      var now = shownEdges.has(e.id);
      if (now !== visibleEdges.has(e.id)) edgeUpdates.push({ id: e.id, hidden: !now });
    });
    visibleNodes = shown; visibleEdges = shownEdges;
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    document.getElementById("stats").textContent =
      shown.size + " of " + data.nodes.length + " nodes and " + shownEdges.size + " of " + data.edges.length + " edges shown";
    drawTimeline();
  }

  /* ---------- neighbourhood highlight and selection ---------- */
  var dimmed = false;
  function highlight(id) {
    var keep = new Set([id]);
    if (id !== null) network.getConnectedNodes(id).forEach(function (n) { keep.add(n); });
    var updates = [];
    data.nodes.forEach(function (n) {
      var dim = id !== null && !keep.has(n.id);
      if (dim || dimmed) updates.push({ id: n.id, color: nodeColor(n, dim), font: { color: dim ? "#b5b5b5" : "#222" } });
    });
    dimmed = id !== null;
    if (updates.length) nodes.update(updates);
  }
  function selectNode(id, focus) {
    state.selected = id;
    network.selectNodes([id]);
    highlight(id);
    showNode(id);
    if (focus) network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    markTimeline();
  }
  function clearSelection() {
    state.selected = null;
    highlight(null);
    panel.replaceChildren(el("p", { className: "hint", text: "Click a node or an edge to see its details and the evidence for it." }));
    markTimeline();
  }
  network.on("click", function (params) {
    if (params.nodes.length) selectNode(params.nodes[0], false);
    else if (params.edges.length) { state.selected = null; highlight(null); showEdge(params.edges[0]); markTimeline(); }
    else clearSelection();
  });

  /* ---------- the side panel ---------- */
  var panel = document.getElementById("panel");
  function nodeLink(id) {
    var n = byId.get(id);
    var button = el("button", { className: "link", type: "button", text: n ? n.label : id });
    button.addEventListener("click", function () { selectNode(id, true); });
    return button;
  }
  function field(list, name, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    list.appendChild(el("dt", { text: name }));
    list.appendChild(el("dd", {}, typeof value === "object" && value.nodeType ? value : plain(value)));
  }
  function evidenceBlock(items) {
    var box = el("div");
    (items || []).forEach(function (e) {
      box.appendChild(el("blockquote", { text: e.quote }));
      var source = data.sources[e.source];
      var claim = e.claimed_by ? "claimed by " + (byId.has(e.claimed_by) ? byId.get(e.claimed_by).label : e.claimed_by)
                               : "reported by the source";
      var line = (source ? source.title : (e.source || "")) + " — " + claim + (e.note ? " (" + e.note + ")" : "");
      box.appendChild(el("p", { className: "claim" + (e.claimed_by ? " claimed" : ""), text: line }));
    });
    return box;
  }
  var SHOWN = ["kind", "type", "label", "evidence", "aliases", "participants", "description", "date", "precision",
               "earliest", "latest", "earliest_possible", "latest_possible", "status", "date_basis", "date_note",
               "place", "part_of", "external_ids", "notes", "sources", "lat", "lon"];
  function showNode(id) {
    var n = byId.get(id), d = n.details || {};
    var content = [el("h2", { className: "title", text: n.label }),
                   el("span", { className: "badge", text: n.kind || "node" }),
                   n.type && n.type !== n.kind ? el("span", { className: "badge", text: n.type }) : null];
    var list = el("dl");
    if (d.date) field(list, "date", d.date + " (" + (d.precision || "") + ")");
    if (d.earliest || d.latest) field(list, "between", (d.earliest || "open") + " and " + (d.latest || "open"));
    if (d.earliest_possible !== d.earliest || d.latest_possible !== d.latest)
      field(list, "possibly", (d.earliest_possible || "open") + " to " + (d.latest_possible || "open"));
    field(list, "status", d.status);
    field(list, "dated by", d.date_basis);
    field(list, "date note", d.date_note);
    if (d.place) field(list, "place", nodeLink(d.place));
    if (d.part_of) field(list, "part of", nodeLink(d.part_of));
    field(list, "description", d.description);
    if (d.aliases) field(list, "also", d.aliases.map(function (a) { return a.name + (a.lang ? " (" + a.lang + ")" : ""); }));
    field(list, "ids", d.external_ids);
    if (d.lat !== undefined) field(list, "coordinates", d.lat + ", " + d.lon);
    field(list, "notes", d.notes);
    field(list, "sources", (d.sources || []).map(function (s) { return data.sources[s] ? data.sources[s].title : s; }));
    Object.keys(d).forEach(function (k) { if (SHOWN.indexOf(k) < 0) field(list, k, d[k]); });
    content.push(list);
    if (d.participants) {
      content.push(el("h2", { text: "Participants" }));
      var ul = el("ul");
      d.participants.forEach(function (p) { ul.appendChild(el("li", {}, nodeLink(p.actor), " — " + p.role)); });
      content.push(ul);
    }
    if (d.evidence) { content.push(el("h2", { text: "Evidence" })); content.push(evidenceBlock(d.evidence)); }
    var links = data.edges.filter(function (e) { return (e.from === id || e.to === id) && visibleEdges.has(e.id); });
    if (links.length && n.kind !== "event") {
      content.push(el("h2", { text: "Connections" }));
      links.forEach(function (e) {
        var other = e.from === id ? e.to : e.from;
        content.push(el("p", { className: "connection" }, e.label + (e.from === id ? " → " : " ← "), nodeLink(other)));
        content.push(evidenceBlock((e.details || {}).evidence));
      });
    }
    panel.replaceChildren.apply(panel, content.filter(Boolean));
  }
  function showEdge(id) {
    var e = edgeById.get(id), d = e.details || {};
    var list = el("dl");
    field(list, "from", nodeLink(e.from));
    field(list, "to", nodeLink(e.to));
    field(list, "date", d.date ? d.date + " (" + (d.precision || "") + ")" : null);
    field(list, "description", d.description);
    field(list, "note", d.note);
    Object.keys(d).forEach(function (k) {
      if (["kind", "type", "role", "label", "evidence", "date", "precision", "description", "note", "earliest", "latest",
           "earliest_possible", "latest_possible", "symmetric"].indexOf(k) < 0) field(list, k, d[k]);
    });
    panel.replaceChildren(el("h2", { className: "title", text: e.label }), el("span", { className: "badge", text: e.kind || "edge" }),
                          list, el("h2", { text: "Evidence" }), evidenceBlock(d.evidence));
  }

  /* ---------- search: names and aliases in any language, without accents or case ---------- */
  var names = [];
  data.nodes.forEach(function (n) { (n.names || [n.label]).forEach(function (name) { names.push([fold(name), n.id]); }); });
  function search(query) {
    var q = fold(query);
    if (!q) return null;
    var hit = names.find(function (p) { return p[0] === q; }) || names.find(function (p) { return p[0].indexOf(q) === 0; }) ||
              names.find(function (p) { return p[0].indexOf(q) >= 0; });
    return hit ? hit[1] : null;
  }
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = document.getElementById("search").value;
    var id = search(query);
    var status = document.getElementById("search-status");
    if (id === null) { status.textContent = "nothing is named so"; return; }
    status.textContent = "";
    if (!visibleNodes.has(id)) { state.off = { kind: new Set(), type: new Set(), role: new Set(), relation: new Set() }; resetFilters(); }
    selectNode(id, true);
  });

  /* ---------- legend and filters ---------- */
  function swatch(color, shape) {
    var s = el("span", { className: "swatch " + shape });
    s.style.background = color;
    return s;
  }
  var legend = document.getElementById("legend");
  data.legend.nodes.forEach(function (k) { legend.appendChild(el("div", {}, swatch(k.color, k.shape), k.name)); });
  data.legend.edges.forEach(function (k) { legend.appendChild(el("div", {}, swatch(k.color, "line"), k.name)); });
  var filters = document.getElementById("filters");
  var boxes = [];
  function resetFilters() { boxes.forEach(function (b) { b.checked = true; }); applyVisibility(); }
  [["kind", "Entities"], ["type", "Event types"], ["role", "Roles"], ["relation", "Relations"]].forEach(function (group) {
    var values = data.filters[group[0]];
    if (!values.length) return;
    filters.appendChild(el("h3", { text: group[1] }));
    values.forEach(function (value) {
      var box = el("input", { type: "checkbox", "data-filter": group[0], value: value });
      box.checked = true;
      box.addEventListener("change", function () {
        if (box.checked) state.off[group[0]].delete(value); else state.off[group[0]].add(value);
        applyVisibility();
      });
      boxes.push(box);
      filters.appendChild(el("label", {}, box, " " + value.replace(/_/g, " ")));
    });
  });
  document.getElementById("hide-isolated").addEventListener("change", function (event) {
    state.hideIsolated = event.target.checked; applyVisibility();
  });

  /* ---------- the time window ---------- */
  var fromInput = document.getElementById("time-from"), toInput = document.getElementById("time-to");
  function setWindow(fromDay, toDay) {
    state.from = Math.max(minDay, Math.min(fromDay, toDay));
    state.to = Math.min(maxDay, Math.max(fromDay, toDay));
    fromInput.value = state.from; toInput.value = state.to;
    document.getElementById("time-from-label").textContent = iso(state.from);
    document.getElementById("time-to-label").textContent = iso(state.to);
    applyVisibility();
  }
  if (hasTime) {
    document.getElementById("time-control").hidden = false;
    [fromInput, toInput].forEach(function (input) { input.min = minDay; input.max = maxDay; });
    fromInput.addEventListener("input", function () { setWindow(Number(fromInput.value), Math.max(Number(fromInput.value), state.to)); });
    toInput.addEventListener("input", function () { setWindow(Math.min(state.from, Number(toInput.value)), Number(toInput.value)); });
    document.getElementById("time-reset").addEventListener("click", function () { setWindow(minDay, maxDay); });
    document.getElementById("time-mode").addEventListener("change", function (event) {
      state.mode = event.target.value; applyVisibility();
    });
  }

  /* ---------- the timeline: events by date, in lanes, linked with the graph ---------- */
  var timeline = document.getElementById("timeline");
  var events = data.nodes.filter(function (n) { return n.kind === "event" && (n.t[0] || n.t[1]); });
  var lanesSelect = document.getElementById("lanes");
  lanesSelect.addEventListener("change", drawTimeline);
  function lanesOf(n) {
    if (lanesSelect.value === "type") return [n.type];
    var actors = ((n.details || {}).participants || []).map(function (p) { return p.actor; });
    return actors.length ? actors : ["(no actor)"];
  }
  function drawTimeline() {
    if (!events.length) { timeline.replaceChildren(el("p", { className: "hint", text: "No dated events." })); return; }
    var lo = hasTime ? state.from : 0, hi = hasTime ? state.to : 1;
    if (hi <= lo) hi = lo + 1;
    var left = 150, width = Math.max(timeline.clientWidth - 10, 400), plot = width - left - 20, step = 14;
    var x = function (d) { return left + (d - lo) / (hi - lo) * plot; };
    /* Lay items out first: each lane stacks items that would overlap into sub-rows, so every item stays clickable. */
    var lanes = [], laneIndex = new Map(), items = [];
    events.forEach(function (n) {
      var t = times(n);
      var known0 = t[0] !== null ? t[0] : t[1], known1 = t[1] !== null ? t[1] : t[0];
      var x0 = x(known0), x1 = x(known1);
      if (x1 < left - 40 || x0 > left + plot + 40) return;
      x0 = Math.max(left, x0); x1 = Math.min(left + plot, x1);
      var from = (t[0] === null ? x0 - 30 : x0 - 6), to = (t[1] === null ? x1 + 30 : Math.max(x1, x0 + 6) + 6);
      lanesOf(n).forEach(function (lane) {
        if (!laneIndex.has(lane)) { laneIndex.set(lane, lanes.length); lanes.push({ name: lane, rows: [] }); }
        var rows = lanes[laneIndex.get(lane)].rows, row = 0;
        while (row < rows.length && rows[row] > from) row++;
        rows[row] = to;
        items.push({ node: n, t: t, lane: laneIndex.get(lane), row: row, x0: x0, x1: x1 });
      });
    });
    var top = 18, offsets = [], y = top;
    lanes.forEach(function (lane) { offsets.push(y); y += Math.max(1, lane.rows.length) * step + 6; });
    var height = y + 4;
    var root = svg("svg", { width: width, height: height, role: "img", "aria-label": "Timeline of events" });
    ticks(lo, hi).forEach(function (t) {
      root.appendChild(svg("line", { x1: x(t[0]), x2: x(t[0]), y1: 12, y2: height, stroke: "#e4e4e4" }));
      root.appendChild(svg("text", { x: x(t[0]) + 2, y: 10, "class": "tick", text: t[1] }));
    });
    lanes.forEach(function (lane, i) {
      var label = byId.has(lane.name) ? byId.get(lane.name).label : String(lane.name).replace(/_/g, " ");
      root.appendChild(svg("text", { x: 6, y: offsets[i] + 11, "class": "lane-label", text: label.length > 24 ? label.slice(0, 23) + "…" : label }));
      root.appendChild(svg("line", { x1: 0, x2: left + plot, y1: offsets[i] - 3, y2: offsets[i] - 3, stroke: "#f0f0f0" }));
    });
    items.forEach(function (item) {
      var n = item.node, t = item.t, yy = offsets[item.lane] + item.row * step + 7;
      var outside = !visibleNodes.has(n.id);
      var cls = "event" + (outside ? " outside" : "") + (n.uncertain ? " uncertain" : "") + (n.id === state.selected ? " selected" : "");
      var g = svg("g", { "class": cls, "data-id": n.id });
      if (t[0] === null) g.appendChild(svg("line", { x1: item.x0 - 28, x2: item.x0, y1: yy, y2: yy, stroke: n.color, "stroke-width": 3, "stroke-dasharray": "3 3" }));
      if (t[1] === null) g.appendChild(svg("line", { x1: item.x1, x2: item.x1 + 28, y1: yy, y2: yy, stroke: n.color, "stroke-width": 3, "stroke-dasharray": "3 3" }));
      if (item.x1 - item.x0 < 6) g.appendChild(svg("circle", { cx: (item.x0 + item.x1) / 2, cy: yy, r: 5, fill: n.color }));
      else g.appendChild(svg("rect", { x: item.x0, y: yy - 5, width: item.x1 - item.x0, height: 10, rx: 3, fill: n.color, "fill-opacity": 0.75 }));
      g.appendChild(svg("title", { text: n.label + " (" + ((n.details || {}).date || "") + ")" }));
      g.addEventListener("click", function () { selectNode(n.id, true); });
      root.appendChild(g);
    });
    timeline.replaceChildren(root);
  }
  function markTimeline() {
    timeline.querySelectorAll("g.event").forEach(function (g) {
      g.classList.toggle("selected", g.getAttribute("data-id") === state.selected);
    });
  }
  function ticks(lo, hi) {
    var out = [], first = new Date(lo * DAY), last = new Date(hi * DAY);
    var years = last.getUTCFullYear() - first.getUTCFullYear();
    if (years >= 2) {
      var step = Math.max(1, Math.ceil(years / 12));
      for (var y = first.getUTCFullYear() + 1; y <= last.getUTCFullYear(); y += step) out.push([Date.UTC(y, 0, 1) / DAY, String(y)]);
    } else {
      var d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
      var months = (last.getUTCFullYear() - first.getUTCFullYear()) * 12 + last.getUTCMonth() - first.getUTCMonth();
      var every = Math.max(1, Math.ceil(months / 12));
      for (var i = 0; d <= last; i++) {
        if (i % every === 0) out.push([d.getTime() / DAY, d.toISOString().slice(0, 7)]);
        d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
      }
      if (!out.length) out.push([lo, iso(lo)]);
    }
    return out;
  }

  /* ---------- ready ---------- */
  if (hasTime) setWindow(minDay, maxDay); else applyVisibility();
  window.addEventListener("resize", drawTimeline);
  var ready = function () {
    window.kgraphReady = performance.now();
    document.body.setAttribute("data-ready", "true");
  };
  if (data.options.physics && data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); network.fit(); ready(); });
  } else {
    network.once("afterDrawing", ready);
  }
  window.kgraph = {
    network: network, nodes: nodes, edges: edges, data: data, search: search, select: selectNode,
    setWindow: function (fromIso, toIso) { setWindow(day(fromIso), day(toIso)); },
    setMode: function (mode) { state.mode = mode; document.getElementById("time-mode").value = mode; applyVisibility(); },
    visibleNodes: function () { return Array.from(visibleNodes); }
  };
})();
