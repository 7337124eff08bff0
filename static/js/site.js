// Progressive enhancement for the public site. Loaded as an external file (strict CSP);
// every feature also works without JavaScript.
(function () {
  "use strict";

  // "Copy link": without JavaScript a plain link to the page; with it, a button that
  // copies the address to the clipboard and announces the result.
  function enhanceCopyLinks() {
    var links = document.querySelectorAll("a[data-copy-link]");
    Array.prototype.forEach.call(links, function (link) {
      if (!navigator.clipboard) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "share__link share__copy share__copy--button";
      button.textContent = link.textContent;
      button.setAttribute("data-url", link.href);
      var section = link.closest(".share");
      var status = section ? section.querySelector("[data-share-status]") : null;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.getAttribute("data-url")).then(
          function () {
            if (status) status.textContent = link.getAttribute("data-copied-text");
          },
          function () {
            if (status) status.textContent = link.getAttribute("data-failed-text");
          }
        );
      });
      link.parentNode.replaceChild(button, link);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceCopyLinks);
  } else {
    enhanceCopyLinks();
  }
})();
