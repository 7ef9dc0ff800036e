/* Starts each map of a page (site_builder/render/maps.py) only when it nears the screen: Leaflet and its plugins
   (~60 KB gzip, a few hundred ms of a phone's processor) are loaded then, not before the page is shown, and not
   at all by a visitor who reads a fiche without scrolling to its map.

   Each map block holds an inline script that queues [element id, map's script, scripts it needs]; this file
   (loaded by the block, deferred) watches the queued elements. Instant navigation re-runs both: the queue,
   once started, starts newly queued maps directly, and a script already loaded is not loaded again. */
(function () {
  "use strict";

  if (window.clsMapQueue && !Array.isArray(window.clsMapQueue)) { return; }
  var waiting = window.clsMapQueue || [];
  var loaded = {};

  function load(url) {
    if (!loaded[url]) {
      loaded[url] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loaded[url];
  }

  /* The scripts in order (markercluster needs Leaflet, the map needs all), then the map's own script. */
  function start(entry) {
    entry[2].reduce(function (previous, url) {
      return previous.then(function () { return load(url); });
    }, Promise.resolve()).then(entry[1]);
  }

  // 400 px ahead: the map is usually drawn by the time the visitor's thumb brings it into view.
  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (seen) {
    seen.forEach(function (item) {
      if (!item.isIntersecting) { return; }
      observer.unobserve(item.target);
      start(item.target.clsMapEntry);
    });
  }, { rootMargin: "400px 0px" }) : null;

  function watch(entry) {
    var element = document.getElementById(entry[0]);
    if (!element) { return; }
    // Relative to the page that queued the map: instant navigation changes the page, not the scripts' place.
    entry[2] = entry[2].map(function (url) { return new URL(url, document.baseURI).href; });
    if (!observer) { start(entry); return; }
    element.clsMapEntry = entry;
    observer.observe(element);
  }

  window.clsMapQueue = { push: watch };
  waiting.forEach(watch);
})();
