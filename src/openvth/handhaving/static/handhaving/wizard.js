/* LHSO wizard: as soon as behaviour and consequence are chosen, ask POST /api/v1/lhso/advies for the advice and
   show it in the live region. The form works without this script ("Advies bekijken" asks the server). */
(function () {
  "use strict";
  const form = document.querySelector("form[data-lhso-wizard]");
  if (!form) {
    return;
  }
  const vak = document.getElementById("advies-inhoud");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const eerdere = JSON.parse(document.getElementById("eerdere-overtredingen").textContent);
  // The API answers with the Dutch data texts (track, instruments); the page knows them in the user's language.
  const termenbron = document.getElementById("lhso-termen");
  const termen = termenbron ? JSON.parse(termenbron.textContent) : {};
  function term(tekst) {
    return Object.prototype.hasOwnProperty.call(termen, tekst) ? termen[tekst] : tekst;
  }
  const t = vak.dataset;
  let volgnummer = 0;

  function element(naam, tekst, klasse) {
    const el = document.createElement(naam);
    if (tekst !== undefined) {
      el.textContent = tekst;
    }
    if (klasse) {
      el.className = klasse;
    }
    return el;
  }

  function lijst(regels) {
    const ul = element("ul", undefined, "utrecht-unordered-list ovth-motivering");
    regels.forEach(function (regel) {
      ul.appendChild(element("li", regel, "utrecht-unordered-list__item"));
    });
    return ul;
  }

  function toon(advies) {
    vak.replaceChildren();
    vak.appendChild(element("p", t.cel + " " + advies.cel, "ovth-advies__cel"));
    if (advies.oorspronkelijkeCel !== advies.cel) {
      vak.appendChild(element("p", t.oorspronkelijk + " " + advies.oorspronkelijkeCel, "utrecht-paragraph"));
    }
    vak.appendChild(element("p", t.spoor + " " + term(advies.spoor), "utrecht-paragraph"));
    vak.appendChild(element("h3", t.instrumenten, "utrecht-heading-3"));
    vak.appendChild(lijst(advies.instrumenten.map(function (i) { return term(i.naam); })));
    vak.appendChild(element("h3", t.motivering, "utrecht-heading-3"));
    vak.appendChild(lijst(advies.motivering));
    vak.appendChild(element("p", t.tabel + " " + advies.tabelversie, "utrecht-paragraph ovth-klein"));
  }

  function fout(tekst) {
    vak.replaceChildren(element("p", tekst, "utrecht-paragraph ovth-waarschuwing"));
  }

  function bijwerken() {
    const gedrag = form.querySelector("input[name=gedrag]:checked");
    const gevolg = form.querySelector("input[name=gevolg]:checked");
    if (!gedrag || !gevolg) {
      return;
    }
    const omstandigheden = Array.from(form.querySelectorAll("input[name=omstandigheden]:checked"), function (e) {
      return e.value;
    });
    const nummer = ++volgnummer;
    fetch(form.dataset.adviesUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf},
      body: JSON.stringify({
        gedrag: gedrag.value,
        gevolg: gevolg.value,
        omstandigheden: omstandigheden,
        eerdereOvertredingen: eerdere,
        overtredingsdatum: form.dataset.datum,
        peildatum: form.dataset.datum
      })
    }).then(function (antwoord) {
      return antwoord.json().then(function (inhoud) {
        if (nummer !== volgnummer) {
          return;
        }
        if (antwoord.ok) {
          toon(inhoud);
          markeer("advies", inhoud.cel !== inhoud.oorspronkelijkeCel ? inhoud.cel : "");
        } else {
          fout(inhoud.detail || t.fout);
        }
      });
    }).catch(function () {
      if (nummer === volgnummer) {
        fout(t.fout);
      }
    });
  }

  // The matrix marks the chosen cell as soon as both axes are chosen; the advice cell follows the answer.
  function markeer(kenmerk, code) {
    document.querySelectorAll("#interventiematrix td[data-cel]").forEach(function (cel) {
      const aan = cel.dataset.cel === code;
      cel.classList.toggle("ovth-matrix__cel--" + kenmerk, aan);
      if (kenmerk === "gekozen") {
        if (aan) {
          cel.setAttribute("aria-current", "true");
        } else {
          cel.removeAttribute("aria-current");
        }
        const sr = cel.querySelector(".ovth-sr");
        sr.textContent = aan ? " " + sr.dataset.gekozen : "";
      }
    });
  }

  function matrix() {
    const gedrag = form.querySelector("input[name=gedrag]:checked");
    const gevolg = form.querySelector("input[name=gevolg]:checked");
    if (gedrag && gevolg) {
      markeer("gekozen", gedrag.value + gevolg.value);
    }
  }

  // The reason not to enforce is asked only when "Handhaving is aangewezen" is unchecked.
  const geindiceerd = form.querySelector("input[name=handhaving_geindiceerd]");
  const reden = document.getElementById("reden-geen-handhaving");
  function redenTonen() {
    if (geindiceerd && reden) {
      reden.hidden = geindiceerd.checked;
    }
  }

  form.addEventListener("change", function () {
    matrix();
    redenTonen();
    bijwerken();
  });
  redenTonen();
  bijwerken();
})();
