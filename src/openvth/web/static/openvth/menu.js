// The collapsing main menu (issue 13): below 48em the header's actions and links fold behind a "Menu" button
// with aria-expanded. Without this script the button stays hidden and the whole menu shows.
(function () {
  "use strict";
  var knop = document.querySelector(".ovth-menuknop");
  var menu = knop && document.getElementById(knop.getAttribute("aria-controls"));
  if (!menu) return;
  function zet(open) {
    knop.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("ovth-menu--dicht", !open);
  }
  knop.hidden = false;
  zet(false);
  knop.addEventListener("click", function () {
    zet(knop.getAttribute("aria-expanded") !== "true");
  });
})();
