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
  // Tiles (PDOK by default) over the built-in base layer: the map is never an empty box (openvth/ondergrond.js).
  if (window.openvthOndergrond) { window.openvthOndergrond(kaart, element); }
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

  function grootte(aantal) { return Math.round(24 + 6 * Math.log10(aantal)); }

  /* The server's grid cells are CEL_PIXELS wide, but a cluster sits at its cell's mean position and is drawn as
     large as its count: neighbours across a cell border can overlap, most on the national view. Merge every two
     whose discs (plus a small gap) would touch on screen, into one at their weighted mean, until none do. */
  function samenvoegen(clusters) {
    var groepen = clusters.map(function (c) {
      return { lat: c.lat, lon: c.lon, aantal: c.aantal, p: kaart.latLngToLayerPoint([c.lat, c.lon]) };
    });
    var veranderd = true;
    while (veranderd) {
      veranderd = false;
      for (var i = 0; i < groepen.length && !veranderd; i++) {
        for (var j = i + 1; j < groepen.length; j++) {
          var a = groepen[i], b = groepen[j];
          if (a.p.distanceTo(b.p) < (grootte(a.aantal) + grootte(b.aantal)) / 2 + 4) {
            var n = a.aantal + b.aantal;
            a.lat = (a.lat * a.aantal + b.lat * b.aantal) / n;
            a.lon = (a.lon * a.aantal + b.lon * b.aantal) / n;
            a.aantal = n;
            a.p = kaart.latLngToLayerPoint([a.lat, a.lon]);
            groepen.splice(j, 1);
            veranderd = true;
            break;
          }
        }
      }
    }
    return groepen;
  }

  function cluster(c) {
    var maat = grootte(c.aantal);
    var label = document.createElement("span");
    label.textContent = c.aantal.toLocaleString(taal);
    var marker = L.marker([c.lat, c.lon], {
      keyboard: true,
      icon: L.divIcon({ className: "ovth-cluster", html: label, iconSize: [maat, maat] })
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
    var punten = gegevens.punten || [], clusters = samenvoegen(gegevens.clusters || []);
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
    // No closer than zoom 13 at first: the neighbourhood, with the municipality's name even when no tiles load.
    kaart.fitBounds([[o[1], o[0]], [o[3], o[2]]], { padding: [24, 24], maxZoom: 13 });
  } else {
    kaart.setView([52.2, 5.3], 7);
  }
})();
