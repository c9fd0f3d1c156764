/* Map of points from a json_script element, over the tiles and the built-in base layer (openvth/ondergrond.js). */
(function () {
  "use strict";
  var element = document.getElementById("kaart");
  var bron = document.getElementById("kaartpunten");
  if (!element || !bron || typeof L === "undefined") { return; }
  var punten = JSON.parse(bron.textContent);
  var kaart = L.map(element, { preferCanvas: true, keyboard: true, zoomControl: false }).setView([52.2, 5.3], 7);
  // The controls speak the page's language (their labels come translated from the template).
  L.control.zoom({
    zoomInTitle: element.dataset.inzoomen || "Zoom in",
    zoomOutTitle: element.dataset.uitzoomen || "Zoom out"
  }).addTo(kaart);
  kaart.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  // Tiles (PDOK by default) over the built-in base layer: the map is never an empty box (openvth/ondergrond.js).
  if (window.openvthOndergrond) { window.openvthOndergrond(kaart, element); }
  var groep = L.featureGroup();
  punten.forEach(function (p) {
    L.circleMarker([p.lat, p.lon], { radius: 4, weight: 1, color: "#01689b", fillOpacity: 0.7 })
      .bindPopup(function () {
        var a = document.createElement("a");
        a.href = p.url; a.textContent = p.naam + " (" + p.code + ")";
        return a;
      })
      .addTo(groep);
  });
  groep.addTo(kaart);
  if (punten.length) { kaart.fitBounds(groep.getBounds(), { padding: [10, 10] }); }
  element.dataset.geladen = String(punten.length);
})();
