// When the address names one of the page's toggles, set it as the theme does: a content
// tab (#__tabbed_...) opens, any other named toggle is cleared.
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
