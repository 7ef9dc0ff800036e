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

  var SAINTS = { st: "saint", ste: "sainte", sts: "saints", stes: "saintes" };

  /* A name as the build folds it (site_builder.text.sort_key): no article, « St » → « saint ». */
  function nameKey(text) {
    return fold(text).replace(/^(les? |la |l )/, "").split(" ").map(function (word) {
      return SAINTS[word] || word;
    }).join(" ");
  }

  /* The places the visitor may have meant: the option picked, a commune by its name with or without article
     or by a former commune's name (« Annecy-le-Vieux »), the communes of a postcode, or those whose name starts
     with the text. Several means « which one? ». */
  function findPlaces(options, text) {
    var wanted = fold(text), key = nameKey(text);
    if (!wanted) return [];
    var byName = function (o) { return fold(o.value.split(" (")[0]); };
    var names = function (o) { return (o.dataset.names || "").split("|"); };
    var tests = [
      function (o) { return fold(o.value) === wanted; },
      function (o) { return byName(o) === wanted; },
      function (o) { return names(o).indexOf(key) !== -1; },
      function (o) { return /^\d{5}$/.test(wanted) && o.dataset.postcodes.split(" ").indexOf(wanted) !== -1; },
      function (o) { return byName(o).indexOf(wanted) === 0; },
      function (o) { return names(o).some(function (name) { return name.indexOf(key) === 0; }); }
    ];
    for (var i = 0; i < tests.length; i++) {
      var found = options.filter(tests[i]);
      if (found.length) return i < 2 ? found.slice(0, 1) : found;
    }
    return [];
  }

  function load(url) {
    if (!structures[url]) {
      structures[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
    }
    return structures[url];
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function item(feature, km, root, now, holidays, profession, newPatients) {
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
    /* The professionals of the profession asked for (a practice, or an MSP that lists its team), or, for
       « accepte de nouveaux patients » alone, of every profession where someone does; each with what the
       coordinator knows of them (« Accepte de nouveaux patients (information du …) »). */
    var shown = profession ? [profession] : newPatients ? (p.accepte || []) : [];
    shown.forEach(function (job) {
      if (!p.equipe || !p.equipe[job]) return;
      var notes = p.notes || {}, names = p.equipe[job];
      var noted = names.some(function (name) { return notes[name]; }); // « ; » only between longer entries
      li.appendChild(element("p", names.map(function (name) {
        return notes[name] ? name + " — " + notes[name] : name;
      }).join(noted ? " ; " : ", "), "cls-near__team"));
    });
    if (p.horaires) {
      var hours = element("p", "", "cls-open");
      window.clsHoraires.fill(hours, p.horaires, now, holidays);
      if (p.lieu_de_vie && !hours.hidden) hours.insertBefore(document.createTextNode("Visites et accueil\u00a0: "), hours.firstChild);
      li.appendChild(hours);
    }
    return li;
  }

  function init(container) {
    if (container.dataset.ready) return;
    container.dataset.ready = "yes";
    var form = container.querySelector("form");
    var input = form.querySelector("input[name=lieu]");
    var kind = form.querySelector("select[name=typologie]");
    var profession = form.querySelector("select[name=profession]"); // only when the repertoire lists professionals
    var openBoxes = Array.prototype.slice.call(form.querySelectorAll("input[name=ouvert]"));
    var patients = form.querySelector("input[name=patients]"); // only when the coordinator recorded some
    var status = container.querySelector(".cls-near__status");
    var choices = container.querySelector(".cls-near__choices");
    var list = container.querySelector(".cls-near__results");
    var more = container.querySelector(".cls-near__more");
    var options = Array.prototype.slice.call(form.querySelectorAll("datalist option"));
    var state = { origin: null, shown: PAGE_SIZE };

    form.hidden = false;
    container.querySelector(".cls-near__nojs").hidden = true;

    function wantedOpen() {
      return openBoxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    }

    /* The search as an address: ?lieu=…&type=…&ouvert=… (a position found by « Me localiser » stays out
       of the address, which servers log: it lives only in this tab's history). */
    function address() {
      var params = new URLSearchParams();
      if (state.origin && state.origin.place) params.set("lieu", state.origin.place);
      if (kind.value) params.set("type", kind.value);
      if (profession && profession.value) params.set("profession", profession.value);
      if (patients && patients.checked) params.set("patients", "nouveaux");
      wantedOpen().forEach(function (value) { params.append("ouvert", value); });
      var text = params.toString();
      return window.location.pathname + (text ? "?" + text : "");
    }

    function remember(push) {
      var saved = state.origin && !state.origin.place ? { near: state.origin } : null;
      window.history[push ? "pushState" : "replaceState"](saved, "", address());
    }

    function show() {
      if (!state.origin) { list.textContent = ""; more.hidden = true; status.textContent = ""; return; }
      load(container.dataset.structures).then(function (data) {
        var now = new Date(), holidays = data.jours_feries || [], open = wantedOpen(), hours = window.clsHoraires;
        var rows = data.features
          .filter(function (f) { return !kind.value || f.properties.typologie === kind.value; })
          .filter(function (f) {
            return !profession || !profession.value || (f.properties.professions || []).indexOf(profession.value) !== -1;
          })
          .filter(function (f) {
            if (!patients || !patients.checked) return true;
            var accepting = f.properties.accepte || [];
            return profession && profession.value ? accepting.indexOf(profession.value) !== -1 : accepting.length > 0;
          })
          .filter(function (f) {
            return open.every(function (value) {
              // A living place (EHPAD, MARPA…) is open day and night for its residents, not for care now.
              return value === "maintenant" ? !f.properties.lieu_de_vie && hours.openNow(f.properties.horaires, now, holidays)
                : hours.openOnSaturday(f.properties.horaires);
            });
          })
          .map(function (f) {
            var lonLat = f.geometry.coordinates;
            return { feature: f, km: window.clsGeo.distanceKm(state.origin.lat, state.origin.lon, lonLat[1], lonLat[0]) };
          })
          .sort(function (a, b) { return a.km - b.km || a.feature.properties.nom.localeCompare(b.feature.properties.nom, "fr"); });
        list.textContent = "";
        rows.slice(0, state.shown).forEach(function (row) {
          list.appendChild(item(row.feature, row.km, container.dataset.root, now, holidays, profession && profession.value,
                                patients && patients.checked));
        });
        more.hidden = rows.length <= state.shown;
        var kindText = kind.value ? " (" + kind.options[kind.selectedIndex].text + ")" : "";
        if (profession && profession.value) kindText += " (" + profession.options[profession.selectedIndex].text + ")";
        if (patients && patients.checked) kindText += " acceptant de nouveaux patients";
        var openText = open.map(function (v) { return v === "maintenant" ? ", ouvertes maintenant" : ", ouvertes le samedi"; }).join("");
        status.textContent = rows.length
          ? rows.length + " structure" + (rows.length > 1 ? "s" : "") + kindText + openText +
            " de la plus proche à la plus éloignée, " + state.origin.label + "."
          : "Aucune structure ne répond à ces critères dans le répertoire.";
        reveal();
      }).catch(function () {
        status.textContent = "La liste des structures n'a pas pu être chargée. Réessayez ou consultez le répertoire.";
      });
    }

    /* After a search the visitor asked for, bring its answer into view: on a phone the form fills the screen. */
    function reveal() {
      if (!state.reveal) return;
      state.reveal = false;
      status.scrollIntoView({ block: "start" });
    }

    function fromPlace(option) {
      input.value = option.value;
      choices.textContent = "";
      state.origin = { lat: +option.dataset.lat, lon: +option.dataset.lon, label: "depuis " + option.value,
        place: option.value };
      state.shown = PAGE_SIZE;
      show();
    }

    /* A postcode or a start of name shared by several communes: the visitor says which one. */
    function ask(found) {
      choices.textContent = "";
      choices.appendChild(element("p", "Plusieurs communes correspondent à «\u00a0" + input.value + "\u00a0»\u00a0: laquelle\u202f?"));
      var buttons = element("ul");
      found.forEach(function (option) {
        var li = element("li"), button = element("button", option.value, "md-button");
        button.type = "button";
        button.addEventListener("click", function () { fromPlace(option); remember(true); });
        li.appendChild(button);
        buttons.appendChild(li);
      });
      choices.appendChild(buttons);
      status.textContent = found.length + " communes correspondent\u00a0: choisissez la vôtre.";
      choices.querySelector("button").focus();
    }

    /* Set the form and the results from the address (on load, and on back/forward). */
    function restore(saved) {
      var params = new URLSearchParams(window.location.search);
      var wanted = params.get("type") || "";
      kind.value = kind.querySelector('option[value="' + CSS.escape(wanted) + '"]') ? wanted : "";
      if (profession) {
        var job = params.get("profession") || "";
        profession.value = profession.querySelector('option[value="' + CSS.escape(job) + '"]') ? job : "";
      }
      openBoxes.forEach(function (box) { box.checked = params.getAll("ouvert").indexOf(box.value) !== -1; });
      if (patients) patients.checked = params.get("patients") === "nouveaux";
      choices.textContent = "";
      var place = options.filter(function (o) { return o.value === params.get("lieu"); })[0];
      if (place) { fromPlace(place); return; }
      input.value = "";
      state.origin = saved && saved.near ? saved.near : null;
      state.shown = PAGE_SIZE;
      show();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var found = findPlaces(options, input.value);
      state.reveal = true;
      if (!found.length) {
        choices.textContent = "";
        status.textContent = "«\u00a0" + input.value + "\u00a0» ne correspond à aucune commune connue\u00a0: choisissez-la dans la liste " +
          "proposée pendant la frappe, ou tapez un code postal du territoire.";
        reveal();
        return;
      }
      if (found.length > 1) { ask(found); return; }
      fromPlace(found[0]);
      remember(true);
    });
    input.addEventListener("change", function () {
      var place = options.filter(function (o) { return o.value === input.value; })[0];
      if (place) form.requestSubmit();
    });
    form.querySelector("[data-locate]").addEventListener("click", function () {
      if (!navigator.geolocation) {
        status.textContent = "Votre navigateur ne sait pas vous localiser\u00a0: tapez votre commune.";
        return;
      }
      status.textContent = "Localisation en cours…";
      navigator.geolocation.getCurrentPosition(function (position) {
        input.value = "";
        choices.textContent = "";
        state.origin = { lat: position.coords.latitude, lon: position.coords.longitude, label: "depuis votre position" };
        state.shown = PAGE_SIZE;
        remember(true);
        show();
      }, function () {
        status.textContent = "Votre position n'a pas pu être obtenue (autorisation refusée ou indisponible)\u00a0: tapez votre commune.";
      }, { timeout: 15000, maximumAge: 600000 });
    });
    form.addEventListener("change", function (event) {
      if (event.target === input) return;
      state.shown = PAGE_SIZE;
      remember(false);
      show();
    });
    more.addEventListener("click", function () { state.shown += PAGE_SIZE; show(); });
    window.addEventListener("popstate", function (event) {
      if (document.body.contains(container)) restore(event.state);
    });
    restore(window.history.state);
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
