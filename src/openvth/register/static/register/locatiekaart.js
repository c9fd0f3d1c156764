/* The location page's map: one point, from a json_script element; works with no tiles (OPENVTH_TILE_URL empty). */
(function () {
  "use strict";
  var element = document.getElementById("locatiekaart");
  var bron = document.getElementById("locatiepunt");
  if (!element || !bron || typeof L === "undefined") { return; }
  var d = element.dataset;
  var punt = JSON.parse(bron.textContent);
  var kaart = L.map(element, { preferCanvas: true, keyboard: true, zoomControl: false, maxZoom: 19 })
    .setView([punt.lat, punt.lon], 16);
  L.control.zoom({ zoomInTitle: d.inzoomen || "Zoom in", zoomOutTitle: d.uitzoomen || "Zoom out" }).addTo(kaart);
  kaart.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  if (d.tiles) {
    L.tileLayer(d.tiles, { attribution: d.attributie || "", maxZoom: 19 }).addTo(kaart);
  }
  L.circleMarker([punt.lat, punt.lon], { radius: 9, weight: 3, color: "#ffffff", fillColor: "#01689b", fillOpacity: 1 })
    .bindTooltip(punt.naam)
    .addTo(kaart);
  element.dataset.geladen = "1";
})();
