/* « Près de chez moi »: sorts the repertoire's structures by distance from a commune or from the
   visitor's position. The places come from the page's <datalist> and the structures from the
   repertoire's GeoJSON, both generated at build time; the position never leaves the browser.
   Runs on every page view, including after Material's instant navigation (document$). */
(function () {
  "use strict";

  var PAGE_SIZE = 20;
  var structures = {}; // GeoJSON URL -> promise of features, fetched once per visit

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[-'’\s]+/g, " ").trim();
  }

  /* The place the visitor meant: the option picked, a postcode, or the start of a commune's name. */
  function findPlace(options, text) {
    var wanted = fold(text);
    if (!wanted) return null;
    var byName = function (o) { return fold(o.value.split(" (")[0]); };
    var tests = [
      function (o) { return fold(o.value) === wanted; },
      function (o) { return byName(o) === wanted; },
      function (o) { return /^\d{5}$/.test(wanted) && o.dataset.postcodes.split(" ").indexOf(wanted) !== -1; },
      function (o) { return byName(o).indexOf(wanted) === 0; }
    ];
    for (var i = 0; i < tests.length; i++) {
      var found = options.filter(tests[i]);
      if (found.length) return found[0];
    }
    return null;
  }

  function load(url) {
    if (!structures[url]) {
      structures[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (data) { return data.features; });
    }
    return structures[url];
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function item(feature, km, root) {
    var p = feature.properties;
    var li = element("li");
    var title = element("p", "", "cls-near__name");
    var link = element("a", p.nom);
    link.href = root + p.fiche;
    title.appendChild(link);
    title.appendChild(document.createTextNode(" "));
    title.appendChild(element("strong", window.clsGeo.formatKm(km), "cls-near__km"));
    li.appendChild(title);
    var detail = element("p", p.typologie_libelle + " — " + p.adresse + ", " + p.code_postal + " " + p.commune);
    if (p.telephone) {
      detail.appendChild(document.createTextNode(" · "));
      var phone = element("a", p.telephone, "cls-tel");
      phone.href = "tel:" + p.telephone.replace(/ /g, "");
      detail.appendChild(phone);
    }
    li.appendChild(detail);
    return li;
  }

  function init(container) {
    if (container.dataset.ready) return;
    container.dataset.ready = "yes";
    var form = container.querySelector("form");
    var input = form.querySelector("input");
    var kind = form.querySelector("select");
    var status = container.querySelector(".cls-near__status");
    var list = container.querySelector(".cls-near__results");
    var more = container.querySelector(".cls-near__more");
    var options = Array.prototype.slice.call(form.querySelectorAll("datalist option"));
    var state = { origin: null, shown: PAGE_SIZE };

    form.hidden = false;
    container.querySelector(".cls-near__nojs").hidden = true;
    // Pages of the guide link here with ?type=ehpad to preselect their kind.
    var wanted = new URLSearchParams(window.location.search).get("type");
    if (wanted && kind.querySelector('option[value="' + CSS.escape(wanted) + '"]')) kind.value = wanted;

    function show() {
      if (!state.origin) return;
      load(container.dataset.structures).then(function (features) {
        var rows = features
          .filter(function (f) { return !kind.value || f.properties.typologie === kind.value; })
          .map(function (f) {
            var lonLat = f.geometry.coordinates;
            return { feature: f, km: window.clsGeo.distanceKm(state.origin.lat, state.origin.lon, lonLat[1], lonLat[0]) };
          })
          .sort(function (a, b) { return a.km - b.km || a.feature.properties.nom.localeCompare(b.feature.properties.nom, "fr"); });
        list.textContent = "";
        rows.slice(0, state.shown).forEach(function (row) {
          list.appendChild(item(row.feature, row.km, container.dataset.root));
        });
        more.hidden = rows.length <= state.shown;
        var kindText = kind.value ? " (" + kind.options[kind.selectedIndex].text + ")" : "";
        status.textContent = rows.length
          ? rows.length + " structure" + (rows.length > 1 ? "s" : "") + kindText + " de la plus proche à la plus éloignée, " +
            state.origin.label + "."
          : "Aucune structure de ce type dans le répertoire.";
      }).catch(function () {
        status.textContent = "La liste des structures n'a pas pu être chargée. Réessayez ou consultez le répertoire.";
      });
    }

    function from(origin) {
      state.origin = origin;
      state.shown = PAGE_SIZE;
      show();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var place = findPlace(options, input.value);
      if (!place) {
        status.textContent = "« " + input.value + " » ne correspond à aucune commune connue : choisissez-la dans la liste " +
          "proposée pendant la frappe, ou tapez un code postal du territoire.";
        return;
      }
      input.value = place.value;
      from({ lat: +place.dataset.lat, lon: +place.dataset.lon, label: "depuis " + place.value });
    });
    input.addEventListener("change", function () {
      var place = options.filter(function (o) { return o.value === input.value; })[0];
      if (place) form.requestSubmit();
    });
    form.querySelector("[data-locate]").addEventListener("click", function () {
      if (!navigator.geolocation) {
        status.textContent = "Votre navigateur ne sait pas vous localiser : tapez votre commune.";
        return;
      }
      status.textContent = "Localisation en cours…";
      navigator.geolocation.getCurrentPosition(function (position) {
        input.value = "";
        from({ lat: position.coords.latitude, lon: position.coords.longitude, label: "depuis votre position" });
      }, function () {
        status.textContent = "Votre position n'a pas pu être obtenue (autorisation refusée ou indisponible) : tapez votre commune.";
      }, { timeout: 15000, maximumAge: 600000 });
    });
    kind.addEventListener("change", function () { state.shown = PAGE_SIZE; show(); });
    more.addEventListener("click", function () { state.shown += PAGE_SIZE; show(); });
  }

  function start() {
    document.querySelectorAll("[data-cls-near]").forEach(init);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(start);
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
