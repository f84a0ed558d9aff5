/* Wide tables scroll sideways on a phone inside the box the theme wraps them in.
 * Keyboard users must be able to reach that box to scroll it, so each box gets
 * a place in the tab order and a name. */
(function () {
  "use strict";

  // "Table 2, under: Where they go": numbered so that every name is unique.
  function name(wrap, number) {
    var caption = wrap.querySelector("caption");
    if (caption) return "Table " + number + ": " + caption.textContent;
    for (var node = wrap.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) return "Table " + number + ", under: " + node.textContent.trim();
    }
    return "Table " + number;
  }

  function labelAll() {
    var wraps = Array.prototype.filter.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (wrap) {
      return !wrap.closest(".chart__table");
    });
    wraps.forEach(function (wrap, index) {
      if (wrap.hasAttribute("tabindex")) return;
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", name(wrap, index + 1));
    });
  }

  labelAll();
  new MutationObserver(labelAll).observe(document.body, { childList: true, subtree: true });
})();
