/* Comparison table of the senior guide: sort by a column, filter by kind, aid, Alzheimer unit and
   distance from a commune. Without JavaScript the filters stay hidden and the whole table is shown.
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

  /* Sort by the column of `header`; without `ascending`, toggle the current order. */
  function sortBy(table, header, ascending) {
    var index = Array.prototype.indexOf.call(header.parentNode.children, header);
    var kind = header.dataset.sort;
    if (ascending === undefined) ascending = header.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th[aria-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, kind);
      var y = cellValue(b, index, kind);
      var order = kind === "number" ? (x === y ? 0 : x < y ? -1 : 1) : x.localeCompare(y, "fr");
      if (kind === "number" && (x === Infinity || y === Infinity)) return order; // keep blanks last
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function apply(form, table) {
    var kind = form.elements.kind.value;
    var aid = form.elements.aide.checked;
    var alzheimer = form.elements.alzheimer.checked;
    var around = form.elements.around.selectedOptions[0];
    var radius = parseFloat(form.elements.radius.value);
    var distanceCells = table.querySelectorAll(".cls-compare__distance");
    distanceCells.forEach(function (cell) { cell.hidden = !around.value; });
    form.elements.radius.disabled = !around.value;
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
    if (around.value) sortBy(table, table.querySelector("th.cls-compare__distance"), true);
    form.querySelector(".cls-filters__count").textContent = shown + " établissement" + (shown > 1 ? "s" : "") +
      (around.value ? " à " + radius + " km ou moins de " + around.textContent : "") + ".";
  }

  function init() {
    var form = document.querySelector("[data-cls-compare]");
    var table = document.querySelector(".cls-compare");
    if (!form || !table) return;
    form.hidden = false;
    table.querySelectorAll("th[data-sort] button").forEach(function (button) {
      button.addEventListener("click", function () { sortBy(table, button.parentNode); });
    });
    form.addEventListener("change", function () { apply(form, table); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply(form, table);
  }

  if (window.document$) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
