/* Filters of a list page (repertoire, agenda): the form says which items and sections it filters.
   Without JavaScript the form stays hidden and the whole list is shown.
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
    document.querySelectorAll(form.dataset.items).forEach(function (item) {
      var visible = matches(item, filters);
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    // Sections left empty are hidden too, innermost first (a type, then its group).
    form.dataset.sections.split(" ").forEach(function (selector) {
      document.querySelectorAll(selector).forEach(function (section) {
        section.hidden = !section.querySelector("li:not([hidden])");
      });
    });
    var noun = shown > 1 ? form.dataset.plural : form.dataset.singular;
    form.querySelector(".cls-filters__count").textContent =
      shown + " " + noun + (shown > 1 ? " correspondent" : " correspond") + " à votre recherche.";
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
