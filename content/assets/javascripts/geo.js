/* Distances for « Près de chez moi » and the senior guide's comparison table, computed in the browser. */
(function () {
  "use strict";

  /* Great-circle distance in km between two points given in degrees. */
  function distanceKm(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var a = Math.pow(Math.sin((lat2 - lat1) * rad / 2), 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.pow(Math.sin((lon2 - lon1) * rad / 2), 2);
    return 6371 * 2 * Math.asin(Math.sqrt(a));
  }

  /* « 3,2 km », as French write it. */
  function formatKm(km) {
    return km.toLocaleString("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + " km";
  }

  window.clsGeo = { distanceKm: distanceKm, formatKm: formatKm };
})();
