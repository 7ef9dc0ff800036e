/* « Reste à charge » of the senior guide: what a family would pay each month after APA and APL, from the
   GIR band, income band and couple status the visitor chooses. The arithmetic mirrors site_builder/costs.py
   line for line (the tests run both on the same households); the scale comes from the page
   (script.cls-bareme, written at build from the national scale). Without JavaScript the page shows the
   monthly price before aids. Runs after Material's instant navigation too (document$). */
(function () {
  "use strict";

  var GIRS = ["1-2", "3-4", "5-6"];
  var APA_KINDS = ["ehpad", "usld"];
  var NO_ANSWER = "Choisissez le niveau d'autonomie et les revenus du foyer\u00a0: le reste à charge estimé " +
    "s'affichera ici, comparé à vos revenus.";

  /* `value` rounded to `places` decimals, halves away from zero, as costs.round_half_up: the float is read at
     15 significant digits first (1.005 is 1,005 €, not 1.00499999…), then rounded on its decimal digits. */
  function roundHalfUp(value, places) {
    var text = Math.abs(value).toPrecision(15).split("e");
    var mantissa = text[0], point = mantissa.indexOf(".");
    var digits = mantissa.replace(".", "");
    var keep = (point === -1 ? mantissa.length : point) + (text.length > 1 ? parseInt(text[1], 10) : 0) + places;
    if (keep < 0) return 0;
    while (digits.length <= keep) digits += "0";
    var kept = parseInt(digits.slice(0, keep) || "0", 10) + (digits.charAt(keep) >= "5" ? 1 : 0);
    return (value < 0 ? -kept : kept) / Math.pow(10, places);
  }

  /* Nearest euro, halves up (as costs.round_euro). */
  function roundEuro(value) { return roundHalfUp(value, 0); }

  function tariff(prices, gir) {
    return { "1-2": prices.gir12, "3-4": prices.gir34, "5-6": prices.gir56 }[gir];
  }

  function monthly(prices, dependencyPerDay, scale) {
    if (prices.loyer_mois !== null) return prices.loyer_mois + dependencyPerDay * scale.jours_par_mois;
    return ((prices.hebergement_jour || 0) + dependencyPerDay) * scale.jours_par_mois;
  }

  /* The resident's daily part of the dependency tariff (CASF R. 232-19); income null: above every ceiling. */
  function share(prices, gir, income, scale) {
    if (APA_KINDS.indexOf(prices.kind) === -1) return 0;
    var base = prices.gir56;
    if (base === null) return null;
    var low = scale.seuil_bas * scale.mtp;
    var high = scale.seuil_haut * scale.mtp;
    if (gir === "5-6" || (income !== null && income <= low)) return base;
    var own = tariff(prices, gir);
    if (own === null) return null;
    if (income === null || income >= high) return base + (own - base) * scale.taux;
    return base + (own - base) * (income - low) / (high - low) * scale.taux;
  }

  function apl(scale, low, high) {
    var touched = scale.bands.filter(function (b) {
      return (b.max === null || low < b.max) && (high === null || b.min < high);
    });
    return [Math.min.apply(null, touched.map(function (b) { return b.apl_min; })),
            Math.max.apply(null, touched.map(function (b) { return b.apl_max; }))];
  }

  /* [lowest, highest] € per month after aids, or null when a tariff is missing. */
  function estimate(prices, household, scale) {
    var band = scale.bands[household.band];
    var divisor = household.couple ? scale.diviseur_couple : 1;
    var lowIncome = band.min / divisor;
    var highIncome = band.max === null ? null : band.max / divisor;
    var aid = prices.apl ? apl(scale, lowIncome, highIncome) : [0, 0];
    var girs = household.gir ? [household.gir] : GIRS;
    var lows = [];
    var highs = [];
    for (var i = 0; i < girs.length; i += 1) {
      var shareLow = share(prices, girs[i], lowIncome, scale);
      var shareHigh = share(prices, girs[i], highIncome, scale);
      if (shareLow === null || shareHigh === null) return null;
      lows.push(monthly(prices, shareLow, scale) - aid[1]);
      highs.push(monthly(prices, shareHigh, scale) - aid[0]);
    }
    return [roundEuro(Math.max(Math.min.apply(null, lows), 0)), roundEuro(Math.max(Math.max.apply(null, highs), 0))];
  }

  function euros(value) { return value.toLocaleString("fr-FR") + "\u00a0€"; }

  /* « entre 1 856 € et 1 976 € par mois », or « environ 2 006 € par mois » when both ends meet. */
  function describe(range, short) {
    if (!range) return "Estimation impossible\u00a0: l'établissement n'a pas communiqué le tarif dépendance de ce GIR.";
    var lead = short ? "" : "Reste à charge estimé\u00a0: ";
    if (range[0] === range[1]) return lead + "environ " + euros(range[0]) + " par mois.";
    return lead + "entre " + euros(range[0]) + " et " + euros(range[1]) + " par mois.";
  }

  /* The visitor's answers; null until both the GIR (« Je ne sais pas » is an answer: every GIR) and an income
     band are chosen: no figure from answers nobody gave. */
  function household(form) {
    var band = form.elements.revenus.value, gir = form.elements.gir.value;
    if (band === "" || gir === "") return null;
    return { gir: gir === "inconnu" ? "" : gir, band: parseInt(band, 10),
             couple: form.elements.foyer.value === "couple" };
  }

  function roundTo(value, step) { return Math.round(value / step) * step; }

  /* What the household's income band leaves uncovered each month: [least, most] (at most 0: covered). */
  function gapOf(range, band) {
    return [range[0] - (band.max === null ? band.min : band.max), range[1] - band.min];
  }

  /* The estimate set against the income: « Il manque environ 650 € par mois », or that the income covers it. */
  function describeGap(range, band, short) {
    if (!range) return "";
    var gap = gapOf(range, band), least = roundTo(gap[0], 10), most = roundTo(gap[1], 10);
    if (gap[1] <= 0) return short ? "Couvert par vos revenus" : "Vos revenus couvrent le reste à charge estimé.";
    if (gap[0] <= 0 || band.max === null) {
      return short ? "Il peut manquer jusqu'à " + euros(most) + " par mois"
        : "Vos revenus couvrent peut-être le reste à charge : selon leur montant exact, il peut manquer jusqu'à " +
          euros(most) + " par mois.";
    }
    var about = "Il manque environ " + euros(roundTo((gap[0] + gap[1]) / 2, 50)) + " par mois";
    if (short) return about;
    if (least === most) return about + " à vos revenus.";
    return about + " à vos revenus (entre " + euros(least) + " et " + euros(most) + " selon leur montant exact).";
  }

  /* Fill each estimate (and its comparison with the income); the help shows when something may be missing. */
  function update(scope, form, scale) {
    var chosen = household(form), missing = false;
    scope.querySelectorAll("[data-cls-prices]").forEach(function (output) {
      var short = output.dataset.clsShort !== undefined;
      var range = chosen && estimate(JSON.parse(output.dataset.clsPrices), chosen, scale);
      var band = chosen && scale.bands[chosen.band];
      output.textContent = !chosen ? (short ? "Autonomie et revenus à indiquer" : NO_ANSWER) : describe(range, short);
      output.classList.toggle("cls-cost__result--waiting", !chosen);  // a request to the visitor, not a figure
      // The side-by-side page holds each cell twice (its hidden source and the table shown): fill both.
      scope.querySelectorAll(short ? '[data-cls-gap="' + output.dataset.id + '"]' : ".cls-cost__gap")
        .forEach(function (gap) { gap.textContent = range ? describeGap(range, band, short) : ""; });
      missing = missing || (!!range && gapOf(range, band)[1] > 0);
    });
    scope.querySelectorAll(".cls-cost__aides").forEach(function (help) { help.hidden = !missing; });
    form.dispatchEvent(new CustomEvent("cls-cost-change", { bubbles: true, detail: chosen }));
  }

  function init() {
    document.querySelectorAll("form[data-cls-cost]:not([data-ready])").forEach(function (form) {
      var scope = form.closest(".cls-cost-scope") || document;
      var source = scope.querySelector("script.cls-bareme");
      if (!source) return;
      var scale = JSON.parse(source.textContent);
      form.dataset.ready = "1";
      form.hidden = false;
      scope.querySelectorAll(".cls-cost__js").forEach(function (el) { el.hidden = false; });
      form.addEventListener("change", function () { update(scope, form, scale); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      update(scope, form, scale);
    });
  }

  window.clsResteACharge = { estimate: estimate, describe: describe, describeGap: describeGap, init: init,
                             roundHalfUp: roundHalfUp };
  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
