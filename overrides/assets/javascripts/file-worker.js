/* Search from disk. Browsers refuse `new Worker()` on file:// pages, so there Material's search worker runs
   in a hidden iframe instead (the idea of Martin Donath's iframe-worker, MIT), written without any inline
   script so the Content-Security-Policy (script-src 'self') holds. Material loads its index from
   search/search_index.js on file://, and finds lunr's language files through `parent.IFrameWorker`. */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function IFrameWorker(url) {
    var target = new EventTarget();
    var iframe = document.createElement("iframe");
    iframe.hidden = true;
    iframe.setAttribute("aria-hidden", "true");
    iframe.tabIndex = -1;
    iframe.title = "search";
    (document.body || document.documentElement).appendChild(iframe);
    var frame = iframe.contentWindow;
    var doc = frame.document;

    function load(src) {
      return new Promise(function (resolve, reject) {
        var script = doc.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = reject;
        (doc.body || doc.documentElement).appendChild(script);
      });
    }
    /* The worker's global functions, as seen from inside the iframe. */
    frame.postMessage = function (data) {
      var event = new MessageEvent("message", { data: data });
      target.dispatchEvent(event);
      if (typeof target.onmessage === "function") target.onmessage(event);
    };
    frame.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (chain, src) { return chain.then(function () { return load(src); }); },
        Promise.resolve());
    };
    var ready = load(new URL(url, location.href).href);

    target.postMessage = function (data) {
      ready.then(function () {
        frame.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) }));
      });
    };
    target.terminate = function () { iframe.remove(); };
    return target;
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
