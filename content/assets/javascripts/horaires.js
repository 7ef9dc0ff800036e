/* « Ouvert maintenant » / « Fermé · ouvre lundi à 8 h 30 », computed with the visitor's clock from the
   weekly rules and public holidays emitted at build (site_builder/open_now.py). Without JavaScript the
   weekly hours written on the page remain. Fills every [data-horaires] element on each page view. */
(function () {
  "use strict";

  var DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre"];

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function iso(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function addDays(d, k) { return new Date(d.getFullYear(), d.getMonth(), d.getDate() + k); }
  function weekday(d) { return (d.getDay() + 6) % 7; } // Monday = 0, as in the rules
  function clock(minutes) {
    if (minutes === 1440) return "24 h";
    var h = Math.floor(((minutes % 1440) + 1440) % 1440 / 60), m = minutes % 60;
    return h + " h" + (m ? " " + pad(m) : "");
  }
  function until(end) { return end % 1440 === 0 ? "minuit" : clock(end); }
  function dateFr(text) {
    var parts = text.split("-");
    return (+parts[2] === 1 ? "1er" : +parts[2]) + " " + MONTHS[+parts[1] - 1] + " " + parts[0];
  }

  /* Inside the temporary closure, its first and last days included. */
  function closedOn(rules, d) {
    var c = rules.fermeture, day = iso(d);
    return !!c && c.du <= day && day <= c.au;
  }

  function isHoliday(d, holidays) { return holidays.indexOf(iso(d)) !== -1; }

  /* The intervals that start on day `d` (minutes; an end past 1440 runs into the next day), or null when the
     hours are unknown. */
  function ownSpans(rules, d, holidays) {
    if (closedOn(rules, d)) return [];
    if (rules.toujours) return [[0, 1440]];
    if (rules.inconnu) return null;
    if (isHoliday(d, holidays)) return rules.feries;
    return rules.jours[weekday(d)];
  }

  /* The intervals of `d` with the end of the night begun the day before (negative start). That night counts
     unless `d` is closed or a public holiday: on those days only the closure or the PH rule speaks. */
  function spansAt(rules, d, holidays) {
    var own = ownSpans(rules, d, holidays);
    if (!own || closedOn(rules, d) || isHoliday(d, holidays)) return own;
    var night = (ownSpans(rules, addDays(d, -1), holidays) || []).filter(function (s) { return s[1] > 1440; });
    return night.map(function (s) { return [s[0] - 1440, s[1] - 1440]; }).concat(own);
  }

  function when(k, d) {
    if (k === 0) return "";
    if (k === 1) return " demain";
    if (k < 7) return " " + DAYS[weekday(d)];
    return " le " + DAYS[weekday(d)] + " " + dateFr(iso(d)).replace(/ \d{4}$/, "");
  }

  /* { open: true|false, text } or null when nothing can be said (as site_builder/open_now.status). */
  function status(rules, now, holidays) {
    if (!rules) return null;
    var minutes = now.getHours() * 60 + now.getMinutes();
    if (closedOn(rules, now)) {
      var motif = rules.fermeture.motif ? " (" + rules.fermeture.motif + ")" : "";
      return { open: false, text: "Fermé temporairement jusqu'au " + dateFr(rules.fermeture.au) + motif };
    }
    if (rules.inconnu) return null;
    if (rules.toujours) return { open: true, text: "Ouvert 24 h sur 24" };
    var current = spansAt(rules, now, holidays);
    for (var i = 0; i < current.length; i++) {
      if (current[i][0] <= minutes && minutes < current[i][1]) {
        return { open: true, text: "Ouvert maintenant · jusqu'à " + until(current[i][1]) };
      }
    }
    for (var k = 0; k < 28; k++) {
      var day = addDays(now, k), spans = ownSpans(rules, day, holidays) || [];
      for (var j = 0; j < spans.length; j++) {
        if (k > 0 || spans[j][0] > minutes) {
          return { open: false, text: "Fermé · ouvre" + when(k, day) + " à " + clock(spans[j][0]) };
        }
      }
    }
    return { open: false, text: "Fermé" };
  }

  /* « Aujourd'hui : 8 h 30 – 12 h 30 et 14 h – 18 h ». */
  function today(rules, now, holidays) {
    var spans = rules && ownSpans(rules, now, holidays);
    if (!spans) return "";
    if (!spans.length) return "Aujourd'hui\u00a0: fermé";
    if (spans.length === 1 && spans[0][0] === 0 && spans[0][1] === 1440) return "Aujourd'hui\u00a0: 24 h sur 24";
    return "Aujourd'hui\u00a0: " + spans.map(function (s) { return clock(s[0]) + " – " + clock(s[1]); }).join(" et ");
  }

  /* « Samedi : 9 h – 12 h » (the weekly rule of `day`, Monday = 0), for the « ouvert le samedi » list. */
  function dayHours(rules, day) {
    if (!rules || rules.inconnu) return "";
    var name = DAYS[day].charAt(0).toUpperCase() + DAYS[day].slice(1);
    if (rules.toujours) return name + " : 24 h sur 24";
    var spans = rules.jours[day];
    if (!spans.length) return name + " : fermé";
    return name + " : " + spans.map(function (s) { return clock(s[0]) + " – " + until(s[1]); }).join(" et ");
  }

  /* Show the hours of one weekday (Monday = 0) in a status element, instead of today's status. */
  function fillDay(element, rules, day) {
    var text = dayHours(rules, day);
    element.textContent = text;
    element.className = element.className.replace(/\s*cls-open--\w+/g, "") + (text ? " cls-open--jour" : "");
    element.hidden = !text;
  }

  function openNow(rules, now, holidays) {
    var s = status(rules, now, holidays);
    return !!s && s.open;
  }

  function openOnSaturday(rules) {
    return !!rules && !rules.inconnu && (!!rules.toujours || rules.jours[5].length > 0);
  }

  function parse(text) {
    try { return text ? JSON.parse(text) : null; } catch (e) { return null; }
  }

  function holidaysOfPage() {
    var holder = document.querySelector("[data-feries]");
    return holder ? parse(holder.dataset.feries) || [] : [];
  }

  /* Fill one status element: a line saying open or closed, and today's hours. */
  function fill(element, rules, now, holidays) {
    var s = status(rules, now, holidays);
    element.textContent = "";
    if (!s) { element.hidden = true; return; }
    var strong = document.createElement("strong");
    strong.textContent = s.text;
    element.appendChild(strong);
    var hours = rules.toujours || closedOn(rules, now) ? "" : today(rules, now, holidays);
    if (hours && !/^Aujourd'hui : fermé$/.test(hours)) element.appendChild(document.createTextNode(" · " + hours));
    element.className = element.className.replace(/\s*cls-open--\w+/g, "") + " cls-open--" + (s.open ? "oui" : "non");
    element.hidden = false;
  }

  function start() {
    var holidays = holidaysOfPage(), now = new Date();
    document.querySelectorAll("[data-horaires]").forEach(function (item) {
      var target = item.matches(".cls-open") ? item : item.querySelector(".cls-open");
      if (target) fill(target, parse(item.dataset.horaires), now, holidays);
    });
  }

  window.clsHoraires = { status: status, today: today, openNow: openNow, openOnSaturday: openOnSaturday,
    parse: parse, fill: fill, fillDay: fillDay, dayHours: dayHours, holidaysOfPage: holidaysOfPage };

  if (typeof document$ !== "undefined") {
    document$.subscribe(start);
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
