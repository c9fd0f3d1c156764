/* Every map's background, so that nobody sees an empty grey box: the configured tiles (by default PDOK's
   BRT-Achtergrondkaart) on top of a built-in light base layer that needs no network beyond our own server: the
   countries from Natural Earth 1:50m (npm world-atlas, decoded by topojson-client), the Netherlands filled, and
   the municipalities' names at their centres (the reference data, register:gemeenten). The tiles cover the base
   layer where they load; where they cannot (offline, blocked, a tile server down) the base layer shows.
   Usage: openvthOndergrond(kaart, element); the URLs come from this script element's data attributes. */
(function () {
  "use strict";
  var script = document.currentScript;
  var NEDERLAND = "528"; // ISO 3166-1 numeric, the id world-atlas gives each country
  var namenCache = null, landCache = null;

  function haal(url, cache) {
    return cache || fetch(url, { credentials: "same-origin" }).then(function (antwoord) {
      if (!antwoord.ok) { throw new Error("HTTP " + antwoord.status); }
      return antwoord.json();
    });
  }

  /* Names that do not collide on screen, larger municipalities first (they come sorted by population). */
  function plaatsNamen(kaart, namen, laag) {
    laag.clearLayers();
    var bezet = [], beeld = kaart.getBounds().pad(0.1);
    namen.forEach(function (g) {
      if (!beeld.contains([g.lat, g.lon])) { return; }
      var p = kaart.latLngToContainerPoint([g.lat, g.lon]);
      var b = g.naam.length * 3.6 + 4, h = 9;
      var vak = [p.x - b, p.y - h, p.x + b, p.y + h];
      var botst = bezet.some(function (a) { return vak[0] < a[2] && a[0] < vak[2] && vak[1] < a[3] && a[1] < vak[3]; });
      if (botst) { return; }
      bezet.push(vak);
      var naam = document.createElement("span");
      naam.textContent = g.naam;
      L.marker([g.lat, g.lon], {
        pane: "ovthNamen", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "ovth-plaatsnaam", html: naam, iconSize: [0, 0] })
      }).addTo(laag);
    });
  }

  window.openvthOndergrond = function (kaart, element) {
    var d = element.dataset, bron = script ? script.dataset : {};
    element.classList.add("ovth-kaart--ondergrond");
    kaart.createPane("ovthLand").style.zIndex = 150; // under Leaflet's tile pane (200)
    var namenvlak = kaart.createPane("ovthNamen");
    namenvlak.style.zIndex = 160;
    namenvlak.setAttribute("aria-hidden", "true"); // decoration: the map's region label and status say what matters
    if (d.tiles) {
      L.tileLayer(d.tiles, { attribution: d.attributie || "", maxZoom: 19 }).addTo(kaart);
    }
    if (bron.land && typeof topojson !== "undefined") {
      landCache = haal(bron.land, landCache);
      landCache.then(function (topo) {
        var landen = topojson.feature(topo, topo.objects.countries);
        L.geoJSON(landen, {
          pane: "ovthLand", interactive: false,
          style: function (f) {
            return f.id === NEDERLAND
              ? { color: "#5f6b73", weight: 1.5, fillColor: "#fbfaf5", fillOpacity: 1 }
              : { color: "#9aa5ad", weight: 1, fillColor: "#e8e8e3", fillOpacity: 1 };
          }
        }).addTo(kaart);
        kaart.attributionControl.addAttribution("Natural Earth");
        element.dataset.ondergrond = "1";
      }).catch(function () { element.dataset.ondergrond = "fout"; });
    }
    if (bron.namen) {
      var laag = L.layerGroup().addTo(kaart);
      namenCache = haal(bron.namen, namenCache);
      namenCache.then(function (gegevens) {
        var teken = function () { plaatsNamen(kaart, gegevens.gemeenten, laag); };
        kaart.on("zoomend moveend", teken);
        kaart.whenReady(teken);
        element.dataset.plaatsnamen = String(gegevens.gemeenten.length);
      }).catch(function () { element.dataset.plaatsnamen = "fout"; });
    }
  };
})();
