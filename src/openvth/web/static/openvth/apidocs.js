/* The API reference at /api/v1/docs: Swagger UI (vendor/swagger-ui, ADR 0026) over the page's OpenAPI document. */
(function () {
  "use strict";
  var element = document.getElementById("swagger-ui");
  if (!element || typeof SwaggerUIBundle === "undefined") { return; }
  // Swagger UI's own controls lack accessible names (axe: select-name); named as they appear.
  function benoem() {
    element.querySelectorAll("select:not([aria-label])").forEach(function (select) {
      var label = select.id === "servers" ? "Server" : (select.closest("[data-param-name]") || {}).dataset;
      select.setAttribute("aria-label", typeof label === "string" ? label : (label && label.paramName) || "Keuze");
    });
  }
  new MutationObserver(benoem).observe(element, { childList: true, subtree: true });
  SwaggerUIBundle({
    url: element.dataset.openapi,
    domNode: element,
    deepLinking: false,  // its links sit inside the operation's button (axe: nested-interactive)
    docExpansion: "list",
    // The page itself has the title, the description and the authentication section: Swagger UI's info block
    // would repeat them under a second h1.
    plugins: [function () { return { wrapComponents: { InfoContainer: function () { return function () { return null; }; } } }; }],
    defaultModelsExpandDepth: 1,
    persistAuthorization: false,
    tryItOutEnabled: false,
    syntaxHighlight: false,  // its colour themes fail the contrast check (axe: color-contrast); plain text reads well
    withCredentials: true,
    requestInterceptor: function (verzoek) {
      // The session cookie authenticates a changing request only with the CSRF token (api/auth.py).
      var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
      if (csrf) { verzoek.headers["X-CSRFToken"] = csrf.value; }
      return verzoek;
    }
  });
})();
