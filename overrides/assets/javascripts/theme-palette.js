// Before the page is painted: put back the colour scheme the reader chose earlier,
// so the page does not flash in the other scheme. Runs right after the header's
// palette switches, which it reads.
(function () {
  var saved = window.__md_get("__palette");
  if (!saved || !saved.color) return;
  var color = saved.color;
  if (color.media === "(prefers-color-scheme)") {
    // "Follow the system": take the switch that matches the system's scheme now.
    var light = window.matchMedia("(prefers-color-scheme: light)").matches;
    var media = light ? "(prefers-color-scheme: light)" : "(prefers-color-scheme: dark)";
    var input = document.querySelector("[data-md-color-media='" + media + "']");
    if (input) {
      ["media", "scheme", "primary", "accent"].forEach(function (name) {
        color[name] = input.getAttribute("data-md-color-" + name);
      });
    }
  }
  Object.keys(color).forEach(function (name) {
    document.body.setAttribute("data-md-color-" + name, color[name]);
  });
})();
