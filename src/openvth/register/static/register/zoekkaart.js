/* The register map: points or clusters for the visible box, aggregated by the server (kaart.json), refetched
   after every move. Texts come translated from the element's data attributes; no tiles is a valid state. */
(function () {
  "use strict";
  var element = document.getElementById("registerkaart");
  if (!element || typeof L === "undefined") { return; }
  var d = element.dataset;
  var status = document.getElementById("kaart-status");
  var taal = document.documentElement.lang || "nl";
  var kaart = L.map(element, { preferCanvas: true, keyboard: true, zoomControl: false, minZoom: 5, maxZoom: 19 });
  L.control.zoom({ zoomInTitle: d.inzoomen || "Zoom in", zoomOutTitle: d.uitzoomen || "Zoom out" }).addTo(kaart);
  kaart.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  if (d.tiles) {
    L.tileLayer(d.tiles, { attribution: d.attributie || "", maxZoom: 19 }).addTo(kaart);
  }
  var laag = L.layerGroup().addTo(kaart);

  function tekst(sjabloon, waarden) {
    return (sjabloon || "").replace(/\{(\w+)\}/g, function (_, naam) {
      var w = waarden[naam];
      return typeof w === "number" ? w.toLocaleString(taal) : String(w);
    });
  }
  function meld(bericht) { if (status) { status.textContent = bericht; } }
  function begrens(waarde, min, max) { return Math.min(max, Math.max(min, waarde)); }

  function popup(p) {
    var div = document.createElement("div");
    div.className = "ovth-popup";
    p.namen.forEach(function (naam) {
      var s = document.createElement("strong"); s.textContent = naam; div.appendChild(s);
    });
    var adres = document.createElement("p"); adres.textContent = p.adres; div.appendChild(adres);
    var aantal = document.createElement("p");
    aantal.textContent = tekst(d.tekstActiviteiten, { aantal: p.aantal }); div.appendChild(aantal);
    var a = document.createElement("a");
    a.className = "utrecht-link"; a.href = p.url; a.textContent = d.tekstBekijk; div.appendChild(a);
    return div;
  }

  function cluster(c) {
    var grootte = Math.round(24 + 6 * Math.log10(c.aantal));
    var label = document.createElement("span");
    label.textContent = c.aantal.toLocaleString(taal);
    var marker = L.marker([c.lat, c.lon], {
      keyboard: true,
      icon: L.divIcon({ className: "ovth-cluster", html: label, iconSize: [grootte, grootte] })
    });
    function inzoomen() { kaart.setView([c.lat, c.lon], Math.min(kaart.getZoom() + 2, kaart.getMaxZoom())); }
    marker.on("click", inzoomen);
    // A focused cluster is a button: Enter and Space zoom in, as a click does.
    marker.on("keydown", function (e) {
      var toets = e.originalEvent.key;
      if (toets === "Enter" || toets === " ") { L.DomEvent.preventDefault(e.originalEvent); inzoomen(); }
    });
    marker.on("add", function () {
      marker.getElement().setAttribute("aria-label", tekst(d.tekstGroep, { aantal: c.aantal }));
    });
    return marker;
  }

  function teken(gegevens) {
    laag.clearLayers();
    var punten = gegevens.punten || [], clusters = gegevens.clusters || [];
    punten.forEach(function (p) {
      L.circleMarker([p.lat, p.lon], { radius: 7, weight: 2, color: "#ffffff", fillColor: "#01689b", fillOpacity: 1 })
        .bindPopup(function () { return popup(p); })
        .addTo(laag);
    });
    clusters.forEach(function (c) { cluster(c).addTo(laag); });
    element.dataset.soort = gegevens.soort;
    element.dataset.punten = String(punten.length);
    element.dataset.clusters = String(clusters.length);
    element.dataset.totaal = String(gegevens.totaal);
    meld(gegevens.soort === "punten"
      ? tekst(d.tekstPunten, { locaties: punten.length, totaal: gegevens.totaal })
      : tekst(d.tekstClusters, { totaal: gegevens.totaal, groepen: clusters.length }));
  }

  var lopend = null, wachten = null;
  function laad() {
    var maat = kaart.getSize();
    if (!maat.x || !maat.y) { return; }
    var b = kaart.getBounds();
    var bbox = [
      begrens(b.getWest(), -180, 180), begrens(b.getSouth(), -90, 90),
      begrens(b.getEast(), -180, 180), begrens(b.getNorth(), -90, 90)
    ].map(function (g) { return g.toFixed(6); }).join(",");
    var url = d.bron + (d.bron.indexOf("?") < 0 ? "?" : "&") + "bbox=" + bbox + "&zoom=" + Math.round(kaart.getZoom());
    if (lopend) { lopend.abort(); }
    var deze = lopend = new AbortController();
    element.setAttribute("aria-busy", "true");
    meld(d.tekstLaden);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", signal: deze.signal })
      .then(function (antwoord) {
        if (!antwoord.ok) { throw new Error("HTTP " + antwoord.status); }
        return antwoord.json();
      })
      .then(teken)
      .catch(function (fout) {
        if (fout.name === "AbortError") { return; }
        element.dataset.fout = String(fout.message);
        meld(d.tekstFout);
      })
      .finally(function () {
        if (lopend === deze) { lopend = null; element.removeAttribute("aria-busy"); }
      });
  }
  function later() {
    window.clearTimeout(wachten);
    wachten = window.setTimeout(laad, 250);
  }

  kaart.on("moveend zoomend", later);
  if (d.omvang) {
    var o = d.omvang.split(",").map(Number);
    kaart.fitBounds([[o[1], o[0]], [o[3], o[2]]], { padding: [24, 24], maxZoom: 16 });
  } else {
    kaart.setView([52.2, 5.3], 7);
  }
})();
