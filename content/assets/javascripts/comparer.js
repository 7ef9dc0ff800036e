/* Comparison table of the senior guide: filter by kind, aid, Alzheimer unit and distance from a commune; sort by
   a column title (wide screens) or by « Trier par » (every screen: on a phone the table is a list of cards and
   its titles are hidden). Choices and sort live in the address (?type=ehpad&tri=prix&ordre=decroissant), as on
   the repertoire (filtres.js), so a comparison can be shared, reloaded and bookmarked.
   Without JavaScript the form stays hidden and the whole table is shown, in the guide's order.
   Runs on every page view, including after Material's instant navigation (document$). */
(function () {
  "use strict";

  function cellValue(row, index, kind) {
    var cell = row.cells[index];
    if (kind === "number") {
      var raw = cell.dataset.value;
      return raw === "" || raw === undefined ? Infinity : parseFloat(raw); // unknown values last
    }
    return cell.textContent.trim();
  }

  /* Sort the rows by the column whose key is `key` (the guide's order when there is none). */
  function sortRows(table, key, ascending) {
    var header = key && table.querySelector("th[data-key='" + key + "']");
    table.querySelectorAll("th[aria-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    if (!header) {
      rows.sort(function (a, b) { return a.dataset.position - b.dataset.position; });
    } else {
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var index = Array.prototype.indexOf.call(header.parentNode.children, header);
      var kind = header.dataset.sort;
      rows.sort(function (a, b) {
        var x = cellValue(a, index, kind);
        var y = cellValue(b, index, kind);
        var order = kind === "number" ? (x === y ? 0 : x < y ? -1 : 1) : x.localeCompare(y, "fr");
        if (kind === "number" && (x === Infinity || y === Infinity)) return order; // keep blanks last
        return (ascending ? order : -order) || a.dataset.position - b.dataset.position;
      });
    }
    rows.forEach(function (row) { body.appendChild(row); });
  }

  /* Show the rows the filters keep, with their distance from the chosen commune. */
  function filter(form, table) {
    var kind = form.elements.type.value;
    var aid = form.elements.aide.checked;
    var alzheimer = form.elements.alzheimer.checked;
    var around = form.elements.autour.selectedOptions[0];
    var radius = parseFloat(form.elements.rayon.value);
    table.querySelectorAll(".cls-compare__distance").forEach(function (cell) { cell.hidden = !around.value; });
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var visible = (!kind || row.dataset.kinds.split(" ").indexOf(kind) !== -1) &&
        (!aid || ["totale", "partielle", "oui"].includes(row.dataset.aide)) &&
        (!alzheimer || row.dataset.alzheimer !== "");
      var cell = row.querySelector("td.cls-compare__distance");
      if (around.value) {
        var km = window.clsGeo.distanceKm(+around.dataset.lat, +around.dataset.lon, +row.dataset.lat, +row.dataset.lon);
        cell.dataset.value = km.toFixed(2);
        cell.textContent = window.clsGeo.formatKm(km);
        visible = visible && km <= radius;
      }
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    form.querySelector(".cls-filters__count").textContent = shown + " établissement" + (shown > 1 ? "s" : "") +
      (around.value ? " à " + radius + " km ou moins de " + around.textContent : "") + ".";
  }

  /* Fields that only make sense with another one: the radius with a commune, the order with a sort. */
  function settle(form, changed) {
    var around = form.elements.autour.value, sort = form.elements.tri;
    form.elements.rayon.disabled = !around;
    sort.querySelector("option[value=distance]").disabled = !around;
    if (changed === form.elements.autour && around) { // nearest first, as a person choosing a commune expects
      sort.value = "distance";
      form.elements.ordre.value = "croissant";
    }
    if (!around && sort.value === "distance") sort.value = "";
    form.elements.ordre.disabled = !sort.value;
  }

  function show(form, table, changed) {
    settle(form, changed);
    filter(form, table);
    sortRows(table, form.elements.tri.value, form.elements.ordre.value !== "decroissant");
  }

  function remember(form) {
    var address = window.location.pathname + window.clsFiltres.query(form) + window.location.hash;
    window.history.replaceState(window.history.state, "", address);
  }

  /* The sortable column titles become buttons (without JavaScript they are plain titles: the « Trier par »
     links above the table lead to the table in each order). */
  function sortButtons(table) {
    table.querySelectorAll("th[data-key]").forEach(function (header) {
      if (header.querySelector("button")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = header.textContent.trim();
      header.textContent = "";
      header.appendChild(button);
    });
  }

  /* The « Comparer (n) » bar: how many homes are ticked (three at most: the others wait), and the commune chosen
     above, carried to the side-by-side page. Once a home is ticked the bar stays in sight at the bottom. */
  function pickBar(form) {
    var pick = document.getElementById("cls-choix");
    if (!pick) return;
    var boxes = document.querySelectorAll("input[name=choix][form=cls-choix]");
    var ticked = Array.prototype.filter.call(boxes, function (box) { return box.checked; }).length;
    boxes.forEach(function (box) { box.disabled = !box.checked && ticked >= 3; });
    pick.querySelector("button[type=submit]").textContent = ticked ? "Comparer (" + ticked + ")" : "Comparer côte à côte";
    pick.querySelector(".cls-side-pick__hint").textContent = !ticked
      ? "Cochez jusqu'à trois établissements dans la colonne « Comparer », puis"
      : ticked >= 3 ? "3 cochés : c'est le maximum." : ticked + " coché" + (ticked > 1 ? "s" : "") + " sur 3 au plus.";
    pick.classList.toggle("cls-side-pick--fixed", ticked > 0);
    document.body.classList.toggle("cls-has-pick", ticked > 0);
    var commune = pick.querySelector("input[name=commune]");
    commune.value = form.elements.autour.value;
    commune.disabled = !commune.value;
  }

  function init() {
    var form = document.querySelector("[data-cls-compare]");
    var table = document.querySelector(".cls-compare");
    if (!form || !table || form.dataset.ready) return;
    form.dataset.ready = "yes";
    form.hidden = false;
    table.querySelector(".cls-compare__hint").hidden = false;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row, index) { row.dataset.position = index; });
    sortButtons(table);
    document.querySelectorAll("input[name=choix][form=cls-choix]").forEach(function (box) {
      box.addEventListener("change", function () { pickBar(form); });
    });
    table.querySelectorAll("th[data-key] button").forEach(function (button) {
      button.addEventListener("click", function () { // a second click on the same title reverses the order
        var header = button.parentNode;
        form.elements.ordre.value = header.getAttribute("aria-sort") === "ascending" ? "decroissant" : "croissant";
        form.elements.tri.value = header.dataset.key;
        show(form, table);
        remember(form);
      });
    });
    form.addEventListener("change", function (event) {
      show(form, table, event.target);
      remember(form);
      pickBar(form);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", function () {
      if (!document.body.contains(form)) return;
      window.clsFiltres.restore(form);
      show(form, table);
    });
    window.clsFiltres.restore(form);
    show(form, table);
    pickBar(form);
  }

  if (window.document$) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
