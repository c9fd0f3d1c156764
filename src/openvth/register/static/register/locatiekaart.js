/* The location page's map: one point, from a json_script element, over the base layer (openvth/ondergrond.js). */
(function () {
  "use strict";
  var element = document.getElementById("locatiekaart");
  var bron = document.getElementById("locatiepunt");
  if (!element || !bron || typeof L === "undefined") { return; }
  var d = element.dataset;
  var punt = JSON.parse(bron.textContent);
  var kaart = L.map(element, { preferCanvas: true, keyboard: true, zoomControl: false, maxZoom: 19 })
    .setView([punt.lat, punt.lon], 15);
  L.control.zoom({ zoomInTitle: d.inzoomen || "Zoom in", zoomOutTitle: d.uitzoomen || "Zoom out" }).addTo(kaart);
  kaart.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  // Tiles (PDOK by default) over the built-in base layer: the map is never an empty box (openvth/ondergrond.js).
  if (window.openvthOndergrond) { window.openvthOndergrond(kaart, element); }
  L.circleMarker([punt.lat, punt.lon], { radius: 9, weight: 3, color: "#ffffff", fillColor: "#01689b", fillOpacity: 1 })
    .bindTooltip(punt.naam, { permanent: true, direction: "top", offset: [0, -8] }) // named even without tiles
    .addTo(kaart);
  element.dataset.geladen = "1";
})();
