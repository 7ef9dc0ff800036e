/* Filters of the repertoire page. Without JavaScript the form stays hidden and the whole list is shown.
   Runs on every page view, including after Material's instant navigation (document$). */
(function () {
  "use strict";

  function matches(item, filters) {
    return filters.every(function (f) {
      if (!f.value) return true;
      var values = (item.dataset[f.name] || "").split(" ");
      return values.indexOf(f.value) !== -1;
    });
  }

  function apply(form) {
    var filters = Array.prototype.map.call(form.querySelectorAll("select"), function (s) {
      return { name: s.name, value: s.value };
    });
    var shown = 0;
    document.querySelectorAll(".cls-structures li").forEach(function (item) {
      var visible = matches(item, filters);
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    document.querySelectorAll(".cls-kind").forEach(function (kind) {
      kind.hidden = !kind.querySelector("li:not([hidden])");
    });
    document.querySelectorAll(".cls-group").forEach(function (group) {
      group.hidden = !group.querySelector(".cls-kind:not([hidden])");
    });
    form.querySelector(".cls-filters__count").textContent =
      shown + (shown > 1 ? " structures correspondent" : " structure correspond") + " à votre recherche.";
  }

  function init() {
    var form = document.querySelector("[data-cls-filters]");
    if (!form) return;
    form.hidden = false;
    form.addEventListener("change", function () { apply(form); });
    apply(form);
  }

  if (window.document$) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
