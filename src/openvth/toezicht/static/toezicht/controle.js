/* The inspection page, progressively enhanced: the LHSO judgement (gedrag/gevolg) of a checklist point is shown
   only while "niet akkoord" is chosen, and cleared when hidden (a compliant finding carries no judgement).
   Without this script every field stays visible and the server decides. */
(function () {
  "use strict";
  var NIET_AKKOORD = "niet_akkoord";
  document.querySelectorAll("[data-oordeel-voor]").forEach(function (oordeel) {
    var formulier = oordeel.closest("form");
    if (!formulier) { return; }
    var keuzes = formulier.querySelectorAll("input[type=radio][name$='resultaat']");
    function bij() {
      var gekozen = formulier.querySelector("input[type=radio][name$='resultaat']:checked");
      oordeel.hidden = !(gekozen && gekozen.value === NIET_AKKOORD);
      if (oordeel.hidden) {
        oordeel.querySelectorAll("select").forEach(function (s) { s.value = ""; });
      }
    }
    keuzes.forEach(function (k) { k.addEventListener("change", bij); });
    bij();
  });
})();
