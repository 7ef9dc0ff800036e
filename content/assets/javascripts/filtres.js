/* Filters of a list page (repertoire, agenda): the form says which items and sections it filters.
   The choices live in the address (?typologie=msp&ouvert=samedi), so a filtered list can be shared,
   reloaded and bookmarked. Without JavaScript the form stays hidden and the whole list is shown.
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

  /* « ouvert maintenant » and « ouvert le samedi », from the hours emitted at build (horaires.js). A living
     place (data-lieu-de-vie: EHPAD, MARPA…) is awake day and night but receives no one for care now. */
  function openAsAsked(item, wanted, now, holidays) {
    var hours = window.clsHoraires, rules = hours.parse(item.dataset.horaires);
    return wanted.every(function (value) {
      if (value !== "maintenant") return hours.openOnSaturday(rules);
      return !item.dataset.lieuDeVie && hours.openNow(rules, now, holidays);
    });
  }

  /* « Pharmacie (14) » says what the list under it shows: the heading's count follows the filters. */
  function recount(section, shown) {
    var heading = section.querySelector(":scope > h2, :scope > h3");
    if (!heading) return;
    heading.childNodes.forEach(function (node) {
      if (node.nodeType === 3 && /\(\d+\)\s*$/.test(node.nodeValue)) {
        node.nodeValue = node.nodeValue.replace(/\(\d+\)(\s*)$/, "(" + shown + ")$1");
      }
    });
  }

  /* Under « ouvert le samedi », each structure shows its Saturday hours; otherwise whether it is open now. */
  function showHours(item, saturday, now, holidays) {
    var hours = window.clsHoraires, target = item.querySelector(".cls-open");
    if (!hours || !target || !item.dataset.horaires) return;
    var rules = hours.parse(item.dataset.horaires);
    if (saturday) hours.fillDay(target, rules, 5); else hours.fill(target, rules, now, holidays);
  }

  function apply(form) {
    var filters = Array.prototype.map.call(form.querySelectorAll("select"), function (s) {
      return { name: s.name, value: s.value };
    });
    var open = Array.prototype.filter.call(form.querySelectorAll("input[name=ouvert]"), function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
    var now = new Date(), holidays = window.clsHoraires ? window.clsHoraires.holidaysOfPage() : [];
    var saturday = open.indexOf("samedi") !== -1 && open.indexOf("maintenant") === -1;
    var shown = 0;
    document.querySelectorAll(form.dataset.items).forEach(function (item) {
      var visible = matches(item, filters) && (!open.length || openAsAsked(item, open, now, holidays));
      item.hidden = !visible;
      if (visible) shown += 1;
      showHours(item, saturday, now, holidays);
    });
    // Sections left empty are hidden too, innermost first (a type, then its group); the others count what they show.
    form.dataset.sections.split(" ").forEach(function (selector) {
      document.querySelectorAll(selector).forEach(function (section) {
        var left = section.querySelectorAll("li:not([hidden])").length;
        section.hidden = !left;
        recount(section, left);
      });
    });
    var noun = shown > 1 ? form.dataset.plural : form.dataset.singular;
    form.querySelector(".cls-filters__count").textContent =
      shown + " " + noun + (shown > 1 ? " correspondent" : " correspond") + " à votre recherche.";
  }

  /* The form's choices as a query string, without the empty ones nor the fields named in `left`. */
  function query(form, left) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value && (left || []).indexOf(name) === -1) params.append(name, value);
    });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  /* Selects that lead to another page (data-cls-navigate): a group page's address already says their value. */
  function leading(form) {
    return Array.prototype.slice.call(form.querySelectorAll("select[data-cls-navigate]"));
  }

  /* Large repertoire: a type or a commune chosen opens its page (the option's data-href), with the other
     choices in the address. On the index, any chosen; on a group page, its own select changed. Returns
     true when the page is being left. */
  function navigate(form, replace) {
    var index = form.hasAttribute("data-cls-groups");
    var chosen = leading(form).filter(function (s) {
      return index ? s.value : !s.options[s.selectedIndex].defaultSelected;
    })[0];
    if (!chosen) return false;
    var target = new URL(chosen.options[chosen.selectedIndex].dataset.href, window.location.href);
    target.search = query(form, [chosen.name]);
    if (replace) window.location.replace(target.href); else window.location.assign(target.href);
    return true;
  }

  /* The index of a large repertoire lists groups: their links keep the choices made, and a
     communauté de communes hides the communes outside it. */
  function applyGroups(form) {
    var search = query(form), epci = form.elements.epci ? form.elements.epci.value : "";
    document.querySelectorAll(".cls-group-links a").forEach(function (link) {
      link.href = link.getAttribute("href").split("?")[0] + search;
    });
    document.querySelectorAll(".cls-epci").forEach(function (section) {
      section.hidden = Boolean(epci) && section.dataset.epci !== epci;
    });
    form.querySelector(".cls-filters__count").textContent = search
      ? "Choisissez un type de structure ou une commune\u00a0: sa liste s'ouvrira avec ces filtres."
      : "";
  }

  /* Set the form from the address: a missing or unknown value gives the field its default choice. The
     select a group page is about keeps its value (its page's address says it). */
  function restore(form) {
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("select").forEach(function (select) {
      if (select.hasAttribute("data-cls-navigate") && !form.hasAttribute("data-cls-groups")) return;
      var value = params.get(select.name) || "";
      var options = Array.prototype.slice.call(select.options);
      var known = options.some(function (o) { return o.value === value; });
      var initial = options.filter(function (o) { return o.defaultSelected; })[0] || options[0];
      select.value = known ? value : initial ? initial.value : "";
      // A commune's own name, not a former one listed before it (« Annecy-le-Vieux (Annecy) »).
      var own = options.filter(function (o) { return o.value === value && !o.hasAttribute("data-ancien"); })[0];
      if (own) own.selected = true;
    });
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
    });
  }

  function init() {
    var form = document.querySelector("[data-cls-filters]");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "yes";
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var show = form.hasAttribute("data-cls-groups") ? applyGroups : apply;
    form.addEventListener("change", function () {
      if (navigate(form, false)) return;
      var search = query(form, leading(form).map(function (s) { return s.name; }));
      window.history.replaceState(window.history.state, "", window.location.pathname + search + window.location.hash);
      show(form);
    });
    window.addEventListener("popstate", function () {
      if (!document.body.contains(form)) return;
      restore(form);
      show(form);
    });
    // Back from a group page (page cache): the select that led away shows its page's value again.
    window.addEventListener("pageshow", function (event) {
      if (!event.persisted || !document.body.contains(form)) return;
      leading(form).forEach(function (select) {
        select.selectedIndex = Math.max(0, Array.prototype.findIndex.call(select.options, function (o) {
          return o.defaultSelected;
        }));
      });
      restore(form);
      show(form);
    });
    restore(form);
    if (form.hasAttribute("data-cls-groups") && navigate(form, true)) return;
    show(form);
  }

  // The same address format for the comparison table of the senior guide (comparer.js).
  window.clsFiltres = { query: query, restore: restore };

  if (window.document$) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
