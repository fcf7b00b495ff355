// carelint review page: filters, keyboard navigation and links between articles. Without this
// script the page still shows every finding; it only adds to it.
(function () {
  "use strict";
  var main = document.getElementById("main");
  var summary = document.getElementById("summary");
  // Read the summary first (CSS already shows it first).
  if (main && summary) main.parentNode.insertBefore(summary, main);
  var total = document.querySelector("#summary .total");
  if (total) document.title = "carelint review: " + total.textContent;

  var cards = Array.prototype.slice.call(document.querySelectorAll("li.card"));
  var marksOf = {};
  document.querySelectorAll("mark[data-f], mark[data-r]").forEach(function (m) {
    var f = m.getAttribute("data-f") || m.getAttribute("data-r");
    (marksOf[f] = marksOf[f] || []).push(m);
  });

  function openAround(el) {
    for (var e = el; e; e = e.parentElement) {
      if (e.tagName === "DETAILS") e.open = true;
    }
  }

  // Filters: a finding shows when its category, severity and rule are all ticked.
  var form = document.getElementById("filters");
  var shown = document.getElementById("shown");
  function ticked(name) {
    var set = {};
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (i) {
      if (i.checked) set[i.value] = true;
    });
    return set;
  }
  function applyFilters() {
    var cat = ticked("cat"), sev = ticked("sev"), rule = ticked("rule");
    var visible = 0;
    cards.forEach(function (c) {
      var on = cat[c.dataset.cat] && sev[c.dataset.sev] && rule[c.dataset.rule];
      c.hidden = !on;
      if (on) visible++;
      (marksOf[c.dataset.f] || []).forEach(function (m) {
        m.classList.toggle("off", !on);
      });
    });
    shown.textContent = "Showing " + visible + " of " + cards.length + " findings.";
  }
  if (form) {
    form.hidden = false;
    form.addEventListener("change", applyFilters);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    applyFilters();
  }

  // Next / previous finding, among those the filters show.
  var current = -1;
  function go(step) {
    var visible = cards.filter(function (c) { return !c.hidden; });
    if (!visible.length) return;
    var at = visible.indexOf(document.activeElement);
    if (at < 0) at = visible.indexOf(cards[current]);
    at = at < 0 ? (step > 0 ? 0 : visible.length - 1)
                : (at + step + visible.length) % visible.length;
    var card = visible[at];
    document.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
    current = cards.indexOf(card);
    openAround(card);
    var marks = marksOf[card.dataset.f] || [];
    marks.forEach(function (m) { if (m.hasAttribute("data-f")) m.classList.add("current"); });
    if (marks.length) marks[0].scrollIntoView({ block: "center" });
    card.focus({ preventScroll: marks.length > 0 });
    card.scrollIntoView({ block: "nearest" });
  }
  var keys = document.getElementById("keys");
  if (keys) keys.hidden = false;
  var next = document.getElementById("next"), prev = document.getElementById("prev");
  if (next) next.addEventListener("click", function () { go(1); });
  if (prev) prev.addEventListener("click", function () { go(-1); });
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target && e.target.tagName;
    if (t === "INPUT" || t === "TEXTAREA" || t === "SELECT" || (e.target && e.target.isContentEditable)) return;
    if (e.key === "j" || e.key === "n") { go(1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { go(-1); e.preventDefault(); }
  });

  // A link into a collapsed file opens it.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) return;
    openAround(el);
    el.scrollIntoView();
    // A pin's link lands on its card: reading goes on from there.
    if (el.classList.contains("card")) el.focus({ preventScroll: true });
  }
  window.addEventListener("hashchange", reveal);
  if (location.hash) reveal();

  // Clicking a marked phrase (without selecting text) opens its card, as its pin does.
  document.addEventListener("click", function (e) {
    var mark = e.target.closest && e.target.closest("mark.hl[data-f]");
    var selection = window.getSelection();
    if (!mark || (selection && !selection.isCollapsed)) return;
    location.hash = "c" + mark.getAttribute("data-f");
  });

  // Cross-article links: the figure another article disagrees with gets a pin back to that
  // finding; a link to an article not shown (no findings of its own) becomes plain text.
  document.querySelectorAll("a.backlink").forEach(function (a) {
    var line = document.getElementById(a.dataset.target);
    var from = a.parentNode.querySelector('a[href^="#c"]');
    if (!line || !from) return;
    var pin = document.createElement("a");
    pin.className = "pin xback";
    pin.href = from.getAttribute("href");
    var card = document.getElementById(pin.href.split("#")[1]);
    var num = card ? card.querySelector("h3").textContent.split(".")[0] : "";
    pin.setAttribute("data-n", num);
    pin.setAttribute("aria-label", "Finding " + num + " in " + from.textContent + " disagrees with this line");
    var n = line.querySelector(".n");
    line.insertBefore(pin, n ? n.nextSibling : line.firstChild);
  });
  document.querySelectorAll(".xref a, a.backlink").forEach(function (a) {
    var id = a.getAttribute("href").slice(1);
    if (!document.getElementById(id)) a.removeAttribute("href");
  });

  // Print every file, open or not.
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
  });
})();
