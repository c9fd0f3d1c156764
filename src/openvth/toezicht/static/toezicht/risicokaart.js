/* The risk analysis map: scored VTH-objects as dots coloured by risk class, from the run's kaart.json.
   Works with no tiles (OPENVTH_TILE_URL empty): the dots and the legend are the content. The table of top risks
   on the same page carries the same information for keyboard and screen-reader users. Texts come translated
   from the element's data attributes. */
(function () {
  "use strict";
  var element = document.getElementById("risicokaart");
  if (!element || typeof L === "undefined") { return; }
  var d = element.dataset;
  var status = document.getElementById("risicokaart-status");
  var taal = document.documentElement.lang || "nl";
  var KLEUREN = ["#4b4b4b", "#39870c", "#5b7f00", "#8a5a00", "#b3411e", "#a01d1d"];

  function kleur(klasse) { return KLEUREN[Math.min(klasse, KLEUREN.length - 1)] || KLEUREN[0]; }
  function tekst(sjabloon, waarden) {
    return (sjabloon || "").replace(/\{(\w+)\}/g, function (_, naam) {
      var w = waarden[naam];
      return typeof w === "number" ? w.toLocaleString(taal) : String(w);
    });
  }
  function meld(bericht) { if (status) { status.textContent = bericht; } }

  var kaart = L.map(element, { preferCanvas: true, keyboard: true, zoomControl: false, minZoom: 5, maxZoom: 19 });
  L.control.zoom({ zoomInTitle: d.inzoomen || "Zoom in", zoomOutTitle: d.uitzoomen || "Zoom out" }).addTo(kaart);
  kaart.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  // Tiles (PDOK by default) over the built-in base layer: the map is never an empty box (openvth/ondergrond.js).
  if (window.openvthOndergrond) { window.openvthOndergrond(kaart, element); }
  kaart.setView([52.2, 5.3], 7);

  function popup(p) {
    var div = document.createElement("div");
    div.className = "ovth-popup";
    var s = document.createElement("strong"); s.textContent = p.naam; div.appendChild(s);
    var r = document.createElement("p");
    r.textContent = tekst(d.tekstScore, { klasse: p.klasse, score: p.score }); div.appendChild(r);
    if (p.url) {
      var a = document.createElement("a");
      a.className = "utrecht-link"; a.href = p.url; a.textContent = d.tekstDossier; div.appendChild(a);
    }
    return div;
  }

  function legenda(klassen) {
    var ctrl = L.control({ position: "bottomright" });
    ctrl.onAdd = function () {
      var div = L.DomUtil.create("div", "tz-kaartlegenda");
      klassen.forEach(function (k) {
        var regel = document.createElement("div");
        var stip = document.createElement("span");
        stip.className = "tz-kleur-" + Math.min(k.klasse, 5);
        regel.appendChild(stip);
        regel.appendChild(document.createTextNode(tekst(d.tekstKlasse, { klasse: k.klasse, omschrijving: k.omschrijving || "" })));
        div.appendChild(regel);
      });
      return div;
    };
    ctrl.addTo(kaart);
  }

  function teken(gegevens) {
    var groep = L.featureGroup();
    (gegevens.punten || []).forEach(function (p) {
      L.circleMarker([p.lat, p.lon], {
        radius: 4 + Math.min(p.klasse, 5), weight: 1, color: "#ffffff", fillColor: kleur(p.klasse), fillOpacity: 0.9
      }).bindPopup(function () { return popup(p); }).addTo(groep);
    });
    groep.addTo(kaart);
    if (gegevens.punten && gegevens.punten.length) {
      kaart.fitBounds(groep.getBounds(), { padding: [16, 16], maxZoom: 15 });
    }
    if (gegevens.klassen) { legenda(gegevens.klassen); }
    element.dataset.punten = String((gegevens.punten || []).length);
    meld(tekst(gegevens.afgekapt ? d.tekstAfgekapt : d.tekstPunten,
               { aantal: (gegevens.punten || []).length, totaal: gegevens.totaal || 0 }));
  }

  element.setAttribute("aria-busy", "true");
  meld(d.tekstLaden);
  fetch(d.bron, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (antwoord) {
      if (!antwoord.ok) { throw new Error("HTTP " + antwoord.status); }
      return antwoord.json();
    })
    .then(teken)
    .catch(function (fout) {
      element.dataset.fout = String(fout.message);
      meld(d.tekstFout);
    })
    .finally(function () { element.removeAttribute("aria-busy"); });
})();
