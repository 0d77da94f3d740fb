// slant: the little JavaScript the pages use. No framework, no build step. Only textContent is
// written, never HTML, so article text can never become markup here.
(function () {
  "use strict";

  function definitions() {
    var out = {};
    document.querySelectorAll("#glossary-data dd[data-technique]").forEach(function (dd) {
      out[dd.getAttribute("data-technique")] = dd.textContent;
    });
    return out;
  }

  // Every technique span covering the point under the pointer, innermost first.
  function spansAt(mark) {
    var list = [];
    for (var el = mark; el && el.id !== "article-text"; el = el.parentElement) {
      if (el.matches && el.matches("mark.tech")) list.push(el);
    }
    return list;
  }

  function entry(mark, defs, full) {
    var div = document.createElement("div");
    div.className = "span-entry " + (mark.className.match(/\bt\d+\b/) || [""])[0];
    var head = document.createElement("strong");
    head.textContent = mark.getAttribute("data-label");
    div.appendChild(head);
    var score = document.createElement("span");
    score.className = "score";
    score.textContent = " score " + mark.getAttribute("data-score");
    div.appendChild(score);
    var whose = mark.getAttribute("data-whose");
    if (whose) {
      var w = document.createElement("span");
      w.className = "whose" + (mark.getAttribute("data-voice") === "quoted" ? " quoted" : "");
      w.textContent = " · " + whose;
      div.appendChild(w);
    }
    if (full) {
      var def = document.createElement("p");
      def.className = "definition";
      def.textContent = defs[mark.getAttribute("data-technique")] || "";
      div.appendChild(def);
      var quote = document.createElement("q");
      quote.textContent = spanText(mark.getAttribute("data-span"));
      div.appendChild(quote);
    }
    return div;
  }

  function spanText(index) {
    var parts = [];
    document.querySelectorAll('#article-text mark.tech[data-span="' + index + '"]').forEach(function (m) {
      if (!m.parentElement.closest || !m.parentElement.closest('mark.tech[data-span="' + index + '"]')) {
        parts.push(m.textContent);
      }
    });
    return parts.join("");
  }

  function setActive(index) {
    document.querySelectorAll("#article-text mark.tech.active").forEach(function (m) { m.classList.remove("active"); });
    if (index === null) return;
    document.querySelectorAll('#article-text mark.tech[data-span="' + index + '"]').forEach(function (m) { m.classList.add("active"); });
  }

  function init() {
    var text = document.getElementById("article-text");
    if (!text) return;
    var defs = definitions();
    var detail = document.getElementById("span-detail");
    var tip = document.getElementById("span-tooltip");

    function show(mark) {
      var marks = spansAt(mark);
      detail.replaceChildren();
      marks.forEach(function (m) { detail.appendChild(entry(m, defs, true)); });
      setActive(mark.getAttribute("data-span"));
    }

    text.addEventListener("click", function (ev) {
      var mark = ev.target.closest("mark.tech");
      if (mark) show(mark);
    });
    text.addEventListener("keydown", function (ev) {
      var mark = ev.target.closest && ev.target.closest("mark.tech");
      if (mark && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); show(mark); }
    });
    text.addEventListener("mouseover", function (ev) {
      var mark = ev.target.closest("mark.tech");
      if (!mark || !tip) return;
      tip.replaceChildren();
      spansAt(mark).forEach(function (m) {
        var e = entry(m, defs, false);
        var d = document.createElement("div");
        d.textContent = defs[m.getAttribute("data-technique")] || "";
        e.appendChild(d);
        tip.appendChild(e);
      });
      var r = mark.getBoundingClientRect();
      tip.style.left = (window.scrollX + r.left) + "px";
      tip.style.top = (window.scrollY + r.bottom + 6) + "px";
      tip.hidden = false;
    });
    text.addEventListener("mouseout", function (ev) {
      if (tip && !(ev.relatedTarget && ev.relatedTarget.closest && ev.relatedTarget.closest("mark.tech"))) tip.hidden = true;
    });

    // Quote list: the link scrolls (an #anchor); also flash the quote in the text.
    document.querySelectorAll("a.quote-link").forEach(function (a) {
      a.addEventListener("click", function () {
        var q = a.getAttribute("data-quote");
        document.querySelectorAll(".quote.flash").forEach(function (el) { el.classList.remove("flash"); });
        document.querySelectorAll('#article-text .quote[data-quote="' + q + '"]').forEach(function (el) { el.classList.add("flash"); });
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
