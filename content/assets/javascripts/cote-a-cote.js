/* « Comparer côte à côte »: up to three establishments as columns, with the distance from a commune and the
   estimated « reste à charge » (reste-a-charge.js fills those cells). The choice lives in the address
   (?choix=a,b,c&commune=…&gir=…&revenus=…&foyer=…) so it can be sent, reloaded and bookmarked; the
   comparison table's « Comparer » boxes submit ?choix=a&choix=b, read the same way. */
(function () {
  "use strict";

  var KEYS = ["commune", "gir", "revenus", "foyer"];

  function chosen(form) {
    var ids = [];
    [1, 2, 3].forEach(function (n) {
      var value = form.elements["choix" + n].value;
      if (value && ids.indexOf(value) === -1) ids.push(value);
    });
    return ids;
  }

  /* Ids from ?choix=a,b,c or ?choix=a&choix=b, known ones only, at most three. */
  function fromAddress(form, params) {
    var ids = [];
    params.getAll("choix").forEach(function (value) { ids = ids.concat(value.split(",")); });
    var known = Array.prototype.map.call(form.elements.choix1.options, function (o) { return o.value; });
    ids = ids.filter(function (id, i) { return id && known.indexOf(id) !== -1 && ids.indexOf(id) === i; });
    [1, 2, 3].forEach(function (n) { form.elements["choix" + n].value = ids[n - 1] || ""; });
    KEYS.forEach(function (key) {
      var value = params.get(key);
      var field = form.elements[key];
      if (value === null || !field) return;
      if (field instanceof RadioNodeList || field.options === undefined) field.value = value;
      else if (Array.prototype.some.call(field.options, function (o) { return o.value === value; })) field.value = value;
    });
  }

  function toAddress(form) {
    var params = new URLSearchParams();
    var ids = chosen(form);
    if (ids.length) params.set("choix", ids.join(","));
    KEYS.forEach(function (key) {
      var value = form.elements[key].value;
      if (value && !(key === "foyer" && value === "seul")) params.set(key, value);
    });
    var query = params.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query.replace(/%2C/g, ",") : ""));
  }

  /* Rebuild the visible table from the hidden source, one column per chosen establishment, in order. */
  function render(scope, form) {
    var source = scope.querySelector(".cls-side__source");
    var view = scope.querySelector(".cls-side__view");
    var ids = chosen(form);
    var commune = form.elements.commune.selectedOptions[0];
    var columns = ids.map(function (id) {
      return Array.prototype.indexOf.call(source.rows[0].cells, source.querySelector('td[data-id="' + id + '"]'));
    });
    view.textContent = "";
    if (!ids.length) {
      form.querySelector(".cls-filters__count").textContent = "Choisissez un à trois établissements.";
      return;
    }
    var table = document.createElement("table");
    table.className = "cls-side__table cls-side__table--" + ids.length;
    var caption = table.createCaption();
    caption.textContent = "Comparaison de " + ids.length + " établissement" + (ids.length > 1 ? "s" : "");
    var body = table.createTBody();
    Array.prototype.forEach.call(source.rows, function (row) {
      if (row.dataset.fact === "distance" && !commune.value) return;
      var line = body.insertRow();
      if (row.dataset.fact === "nom") line.className = "cls-side__names";
      line.appendChild(row.cells[0].cloneNode(true));
      columns.forEach(function (index) {
        var cell = row.cells[index].cloneNode(true);
        if (row.dataset.fact === "distance") {
          var place = source.rows[0].cells[index].dataset;
          var km = window.clsGeo.distanceKm(+commune.dataset.lat, +commune.dataset.lon, +place.lat, +place.lon);
          cell.textContent = window.clsGeo.formatKm(km) + " de " + commune.textContent;
        }
        line.appendChild(cell);
      });
    });
    view.appendChild(table);
    form.querySelector(".cls-filters__count").textContent = ids.length + " établissement" +
      (ids.length > 1 ? "s" : "") + " côte à côte. Le bouton « Partager cette comparaison », sous le tableau, l'envoie.";
  }

  function init() {
    var form = document.querySelector("form[data-cls-side]:not([data-side-ready])");
    if (!form) return;
    var scope = form.closest(".cls-side");
    form.dataset.sideReady = "1";
    form.hidden = false;
    scope.querySelector(".cls-side__nojs").hidden = true;
    fromAddress(form, new URLSearchParams(location.search));
    form.addEventListener("change", function () {
      // reste-a-charge.js refreshes the estimate cells of the source first (it listens on the same form)
      render(scope, form);
      toAddress(form);
    });
    form.dispatchEvent(new Event("change"));
  }

  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
