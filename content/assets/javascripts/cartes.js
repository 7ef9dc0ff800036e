/* Markers, « n'afficher que » and French labels of the maps drawn by site_builder/render/maps.py.
   Loaded by each map block, after Leaflet and before the map's own script. Popups are built with
   textContent: no field of the data is ever read as HTML (a marker's picture is the site's own SVG). */
(function () {
  "use strict";

  L.Control.Zoom.prototype.options.zoomInTitle = "Zoom avant";
  L.Control.Scale.prototype.options.imperial = false;
  L.Control.Zoom.prototype.options.zoomOutTitle = "Zoom arrière";
  L.Control.Attribution.prototype.options.prefix =
    '<a href="https://leafletjs.com" title="Bibliothèque JavaScript de cartes">Leaflet</a>';

  function line(parent, tag, text) {
    var element = document.createElement(tag);
    element.textContent = text;
    parent.appendChild(element);
    return element;
  }

  var pictures = {};

  /* A family's picture as a Leaflet icon, made once per picture. */
  function picture(svg) {
    if (!pictures[svg]) {
      pictures[svg] = L.divIcon({ html: svg, className: "cls-marker", iconSize: [30, 30], iconAnchor: [15, 15],
                                  popupAnchor: [0, -14] });
    }
    return pictures[svg];
  }

  /* row = [latitude, longitude, name, address, phone, link to the fiche] */
  function popupOf(row) {
    var popup = document.createElement("div");
    popup.className = "cls-popup";
    var title = document.createElement("p");
    var link = line(title, "a", row[2]);
    link.href = row[5];
    popup.appendChild(title);
    line(popup, "p", row[3]);
    if (row[4]) {
      var phone = line(document.createElement("p"), "a", row[4]);
      phone.href = "tel:" + row[4].replace(/ /g, "");
      popup.appendChild(phone.parentNode);
    }
    return popup;
  }

  /* The popup is built when it first opens: a map of 1,000 structures creates no popup before a click. */
  function marker(row, svg) {
    var options = { title: row[2], alt: row[2], keyboard: true };
    if (svg) { options.icon = picture(svg); }
    return L.marker([row[0], row[1]], options).bindPopup(function () { return popupOf(row); });
  }

  // The layers of the map being built, in order: its « n'afficher que » names them by number.
  var pending = [];

  /* One batch per layer: a marker cluster group clusters a batch at once (addLayers) instead of marker by
     marker; a sub-group not yet on the map passes its batch on when added. */
  function addMarkers(layer, rows, svg) {
    var markers = rows.map(function (row) { return marker(row, svg); });
    if (typeof layer.addLayers === "function") {
      layer.addLayers(markers);
    } else {
      markers.forEach(function (m) { layer.addLayer(m); });
    }
    pending.push(layer);
  }

  /* Show only the layers numbered in `value` ("2" or "0,1,3"; "" shows all), and say how many places are shown. */
  function show(map, layers, tools, value) {
    var kept = value === "" ? null : value.split(",");
    var count = 0;
    var bounds = L.latLngBounds([]);
    layers.forEach(function (layer, number) {
      var on = kept === null || kept.indexOf(String(number)) !== -1;
      if (on) {
        count += layer.getLayers().length;
        layer.getLayers().forEach(function (marker) { bounds.extend(marker.getLatLng()); });
      }
      if (on && !map.hasLayer(layer)) { map.addLayer(layer); }
      if (!on && map.hasLayer(layer)) { map.removeLayer(layer); }
    });
    // Frame what is shown: the pharmacies of the territory, not the corner where the last view was.
    if (bounds.isValid()) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 14 }); }
    var select = tools.querySelector(".cls-map__filter select");
    select.value = value;
    tools.querySelectorAll(".cls-map__only").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-layers") === value));
    });
    var label = select.options[select.selectedIndex].textContent.replace(/ \(\d+\)$/, "").replace(/\s: toute la famille$/, "");
    tools.querySelector(".cls-map__status").textContent = count + (count > 1 ? " lieux affichés" : " lieu affiché") +
      (kept === null ? "\u00a0: tous les types." : "\u00a0: " + label + ".");
  }

  /* Called at the end of each map's script: binds its legend and « n'afficher que » to the layers just added. */
  function ready(map) {
    var layers = pending;
    pending = [];
    var tools = map.getContainer().closest(".cls-map");
    var filter = tools.querySelector(".cls-map__filter");
    if (!filter) { return; }
    filter.hidden = false;
    filter.querySelector("select").addEventListener("change", function (event) {
      show(map, layers, tools, event.target.value);
    });
    filter.querySelector(".cls-map__all").addEventListener("click", function () { show(map, layers, tools, ""); });
    tools.querySelectorAll(".cls-map__only").forEach(function (button) {
      button.addEventListener("click", function () {
        var value = button.getAttribute("aria-pressed") === "true" ? "" : button.getAttribute("data-layers");
        show(map, layers, tools, value);
      });
    });
  }

  window.clsCartes = { addMarkers: addMarkers, ready: ready };
})();
