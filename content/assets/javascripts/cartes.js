/* Markers and French labels of the maps drawn by site_builder/render/maps.py.
   Loaded by each map block, after Leaflet and before the map's own script. Popups are built with
   textContent: no field of the data is ever read as HTML. */
(function () {
  "use strict";

  L.Control.Zoom.prototype.options.zoomInTitle = "Zoom avant";
  L.Control.Scale.prototype.options.imperial = false;
  L.Control.Zoom.prototype.options.zoomOutTitle = "Zoom arrière";
  L.Control.Attribution.prototype.options.prefix =
    '<a href="https://leafletjs.com" title="Bibliothèque JavaScript de cartes">Leaflet</a>';

  // The layer control's toggle is a link titled "Layers" by Leaflet: give it a French name.
  var initLayout = L.Control.Layers.prototype._initLayout;
  L.Control.Layers.include({
    _initLayout: function () {
      initLayout.call(this);
      this._layersLink.title = "Types de structures affichés";
      this._layersLink.setAttribute("aria-label", "Choisir les types de structures affichés");
    }
  });

  function line(parent, tag, text) {
    var element = document.createElement(tag);
    element.textContent = text;
    parent.appendChild(element);
    return element;
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
  function marker(row) {
    return L.marker([row[0], row[1]], { title: row[2], alt: row[2], keyboard: true })
      .bindPopup(function () { return popupOf(row); });
  }

  /* One batch per layer: a marker cluster group clusters a batch at once (addLayers) instead of marker by
     marker; a layer of the layer control (sub-group, not yet on the map) passes its batch on when added. */
  function addMarkers(layer, rows) {
    var markers = rows.map(marker);
    if (typeof layer.addLayers === "function") {
      layer.addLayers(markers);
    } else {
      markers.forEach(function (m) { layer.addLayer(m); });
    }
  }

  window.clsCartes = { addMarkers: addMarkers };
})();
