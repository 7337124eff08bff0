// Starts Swagger UI on the API docs page; the OpenAPI URL comes from a data attribute so
// that the page needs no inline script (strict Content-Security-Policy).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.ui = window.SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    layout: "BaseLayout",
    presets: [window.SwaggerUIBundle.presets.apis],
    // No "try it out" validator calls to swagger.io: nothing leaves this site.
    validatorUrl: null,
  });
})();
