/* casus web UI: annotation details, charts. No inline scripts (the CSP forbids them);
   all data comes from <script type="application/json"> blocks and is inserted with
   textContent only, never innerHTML. */
(function () {
  "use strict";

  function readJson(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // ------------------------------------------------------------ annotations
  var details = readJson("ann-details") || {};
  var active = [];

  function clearActive() {
    active.forEach(function (n) { n.classList.remove("active"); });
    active = [];
  }

  function markIds(ids) {
    clearActive();
    ids.forEach(function (id) {
      document.querySelectorAll('[data-ann~="' + CSS.escape(id) + '"]').forEach(function (n) {
        n.classList.add("active"); active.push(n);
      });
      document.querySelectorAll('tr[data-ev="' + CSS.escape(id) + '"]').forEach(function (n) {
        n.classList.add("active"); active.push(n);
      });
    });
  }

  function row(dl, label, value) {
    if (value === undefined || value === null || value === "") { return; }
    dl.appendChild(el("dt", null, label));
    dl.appendChild(el("dd", null, value));
  }

  function card(id) {
    var d = details[id];
    if (!d) { return null; }
    var box = el("div", "detail-card " + d.kind);
    var dl = el("dl", "kv");
    if (d.kind === "event") {
      box.appendChild(el("h4", null, "Event " + d.n + " · " + d.type + (d.mode ? " (" + d.mode + ")" : "")));
      row(dl, "source → target", d.source + " → " + d.target);
      row(dl, "date", d.date || "undated");
      row(dl, "modality", d.modality);
      row(dl, "confidence", d.confidence);
      row(dl, "trigger", d.trigger);
      row(dl, "evidence", d.evidence);
    } else if (d.kind === "actor") {
      box.appendChild(el("h4", null, d.label));
      row(dl, "kind", d.actor_kind);
      row(dl, "state", d.country);
      row(dl, "role", d.role);
      row(dl, "person", d.person);
      row(dl, "mentions", d.mentions);
    } else if (d.kind === "claim") {
      box.appendChild(el("h4", null, "Estimative: " + d.phrase));
      row(dl, "band", d.band + (d.range ? " (" + d.range + ")" : ""));
      row(dl, "about", d.proposition);
      row(dl, "event", d.event);
    }
    box.appendChild(dl);
    return box;
  }

  function show(ids) {
    var body = document.getElementById("details-body");
    var empty = document.getElementById("details-empty");
    if (!body) { return; }
    body.replaceChildren();
    ids.forEach(function (id) { var c = card(id); if (c) { body.appendChild(c); } });
    if (empty) { empty.hidden = body.childElementCount > 0; }
    markIds(ids);
  }

  function idsOf(node) {
    var holder = node.closest ? node.closest("[data-ann]") : null;
    return holder ? holder.getAttribute("data-ann").split(/\s+/).filter(Boolean) : [];
  }

  var text = document.getElementById("article-text");
  if (text) {
    text.addEventListener("click", function (ev) {
      var ids = idsOf(ev.target);
      if (ids.length) { show(ids); }
    });
  }

  // events table: a number in an analysed (unsaved) article jumps to the evidence in the text
  document.querySelectorAll("a.ev-jump").forEach(function (a) {
    if (a.getAttribute("href") !== "#article-text") { return; }
    a.addEventListener("click", function (ev) {
      var id = a.getAttribute("data-ev");
      var target = document.querySelector('[data-ann~="' + CSS.escape(id) + '"]');
      if (target) {
        ev.preventDefault();
        show([id]);
        target.scrollIntoView({ block: "center", behavior: "smooth" });
      }
    });
  });

  document.querySelectorAll("li[data-actor]").forEach(function (li) {
    li.addEventListener("click", function () { show([li.getAttribute("data-actor")]); });
  });

  var focus = document.getElementById("hl");
  if (focus) {
    window.requestAnimationFrame(function () { focus.scrollIntoView({ block: "center" }); });
    var focusId = text && text.getAttribute("data-focus");
    if (focusId) { show([focusId]); }
  }

  // ----------------------------------------------------------------- forms
  var form = document.getElementById("analyse-form");
  if (form) {
    form.addEventListener("submit", function () {
      var btn = document.getElementById("analyse-btn");
      if (btn) { btn.disabled = true; btn.textContent = "Analysing…"; }
    });
    var file = document.getElementById("file");
    if (file) {
      file.addEventListener("change", function () {
        var f = file.files && file.files[0];
        var limit = 2 * 1024 * 1024;
        file.setCustomValidity(f && f.size > limit ? "This file is larger than the 2 MB limit." : "");
        file.reportValidity();
      });
    }
  }

  // ---------------------------------------------------------------- charts
  function drawCharts() {
    if (!window.Plotly) { return; }
    document.querySelectorAll("[data-figure]").forEach(function (node) {
      var fig = readJson(node.getAttribute("data-figure"));
      if (!fig) { return; }
      window.Plotly.newPlot(node, fig.data, fig.layout,
        { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["select2d", "lasso2d"] });
      node.on("plotly_click", function (ev) {
        var p = ev && ev.points && ev.points[0];
        var link = p && p.customdata;
        if (typeof link === "string" && link.charAt(0) === "/" && link.charAt(1) !== "/") {
          window.location.assign(link);
        }
      });
      node.setAttribute("data-ready", "1");
    });
  }
  window.addEventListener("load", drawCharts);
})();
