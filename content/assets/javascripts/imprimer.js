/* « Imprimer cet axe seul » (the yearly review): the link makes its axe the page's target (#axe-N), which the print
   stylesheet prints alone, then opens the print dialog. Without JavaScript the link still selects the axe, and
   the browser's Print menu prints it alone. Runs on every page view (document$). */
(function () {
  "use strict";

  function start() {
    document.querySelectorAll("[data-cls-print]").forEach(function (link) {
      if (link.dataset.ready) return;
      link.dataset.ready = "yes";
      link.addEventListener("click", function (event) {
        // The browser's own fragment navigation, not the instant navigation's pushState: only the former
        // changes :target, which the print stylesheet reads.
        event.preventDefault();
        window.location.hash = link.hash;
        window.setTimeout(function () { window.print(); }, 50);
      });
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(start);
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
