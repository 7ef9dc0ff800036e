/* « Ce soir : appelez le 116 117 (médecin de garde) · urgence vitale : 15 », first on the pages that find care
   when doctors' practices are closed: weekdays from 20 h to 8 h, Saturday from noon, Sundays and public holidays
   (the hours of the permanence des soins). The moment is set on <html data-cls-garde> by the head of every page
   (overrides/main.html), before the first paint, and the stylesheet shows the banner and its first words; this
   script adds the public holidays emitted at build (data-feries) and sets the moment again on each page view,
   including after Material's instant navigation (document$). */
(function () {
  "use strict";

  function start() {
    var banner = document.querySelector("[data-cls-tonight]");
    if (!banner || !window.clsGarde) return;
    var holidays = [];
    try { holidays = JSON.parse(banner.dataset.feries || "[]"); } catch (e) { holidays = []; }
    window.clsGarde(new Date(), holidays);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(start);
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
