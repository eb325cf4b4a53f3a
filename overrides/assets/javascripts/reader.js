/* Release NO:W: the reader's side of the site. No cookies, no requests; runs before Material's bundle. */
(function () {
  "use strict";

  /* hreflang links stay in the HTML for search engines (and in sitemap.xml). Material's bundle fetches
     sitemap.xml next to every link[rel=alternate] it finds; their URLs are absolute (site_url), so on a
     mirror that would contact another host. Take them out of the live page before the bundle runs. */
  var links = document.querySelectorAll('link[rel="alternate"][hreflang]');
  for (var i = 0; i < links.length; i++) links[i].parentNode.removeChild(links[i]);

  var KEY = "release-now.offer-dismissed";

  function storage() {
    try { return window.sessionStorage; } catch (error) { return null; }
  }

  /* The English home page offers the reader's own language, if the browser prefers one we have. */
  function offer() {
    var box = document.querySelector("[data-rn-offer]");
    if (!box) return;
    var store = storage();
    if (store && store.getItem(KEY)) return;
    var preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    for (var n = 0; n < preferred.length; n++) {
      var base = String(preferred[n]).toLowerCase().split("-")[0];
      if (base === (document.documentElement.lang || "en").split("-")[0]) return; /* already in a preferred language */
      var item = box.querySelector('[data-lang="' + base + '"]');
      if (item) {
        item.hidden = false;
        box.hidden = false;
        var dismiss = item.querySelector("[data-rn-dismiss]");
        if (dismiss) dismiss.addEventListener("click", function () {
          box.parentNode.removeChild(box);
          if (store) { try { store.setItem(KEY, "1"); } catch (error) { /* private mode */ } }
        });
        return;
      }
    }
  }

  /* The language menu opens on focus (Material's CSS); tell assistive technology when it is open. */
  function switcher() {
    var selects = document.querySelectorAll(".md-select");
    Array.prototype.forEach.call(selects, function (select) {
      var button = select.querySelector("button");
      if (!button) return;
      select.addEventListener("focusin", function () { button.setAttribute("aria-expanded", "true"); });
      select.addEventListener("focusout", function (event) {
        if (!select.contains(event.relatedTarget)) button.setAttribute("aria-expanded", "false");
      });
    });
  }

  /* Material's search dialog has no name; give it the search field's own (translated) label. */
  function names() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    var input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder || "Search");
    }
  }

  /* A table wider than a phone scrolls sideways: keyboard users must be able to reach it. */
  function scrollers() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap");
    Array.prototype.forEach.call(boxes, function (box) {
      if (box.scrollWidth > box.clientWidth + 1) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
    });
  }

  function ready() {
    offer(); switcher(); names(); scrollers();
    window.addEventListener("resize", scrollers);
    window.addEventListener("load", scrollers); /* Material wraps tables once its bundle has run */
    setTimeout(scrollers, 0);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
