/* Draws the charts on a page with the Vega runtime served by this site.
 *
 * The runtime (about 180 KB compressed) is loaded only when a chart comes near
 * the viewport. Each chart has a Vega spec for the light and one for the dark
 * palette; when the reader switches palette, drawn charts are drawn again. */
(function () {
  "use strict";

  var vendor = new URL("../vendor/", document.currentScript.src).href;
  var runtime = null;
  var views = new Map();
  var tips = new WeakMap();  // each drawn view's tooltip handler, for the keyboard

  function loadScript(name) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = vendor + name;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + script.src)); };
      document.head.appendChild(script);
    });
  }

  // Vega, then its expression interpreter: charts run without eval(), which
  // the pages' Content-Security-Policy forbids.
  function loadRuntime() {
    if (!runtime) {
      runtime = loadScript("vega.min.js").then(function () {
        return loadScript("vega-interpreter.js");
      }).then(function () { return window.vega; });
    }
    return runtime;
  }

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
  }

  // The tooltip box lives in the figure, beside the view: Vega owns the view's element (it
  // empties it when it draws) and the view clips what overflows it.
  function tooltipBox(view) {
    var figure = view.parentNode;
    var box = figure.querySelector(":scope > .chart__tooltip");
    if (!box) {
      box = document.createElement("div");
      box.className = "chart__tooltip";
      box.hidden = true;
      figure.appendChild(box);
      // A tap anywhere but on the drawing puts it away.
      document.addEventListener("pointerdown", function (event) {
        if (!view.contains(event.target)) box.hidden = true;
      }, { passive: true });
    }
    return box;
  }

  function tooltip(view) {
    var figure = view.parentNode, box = tooltipBox(view);
    return function (handler, event, item, value) {
      if (value == null || value === "") { box.hidden = true; return; }
      var rows = typeof value === "object" ? Object.keys(value).map(function (key) {
        return "<tr><th>" + escape(key) + "</th><td>" + escape(value[key]) + "</td></tr>";
      }) : ["<tr><td>" + escape(value) + "</td></tr>"];
      box.innerHTML = "<table class=\"chart__tooltip-table\">" + rows.join("") + "</table>";
      box.hidden = false;
      box.shownFor = event;  // the event that showed it (nearestForTooltips tells Vega's from its own)
      // Beside the pointer, inside the figure and inside the window: to the left of the pointer
      // near the right edge, above it near the bottom of the window.
      var bounds = figure.getBoundingClientRect();
      var width = box.offsetWidth, height = box.offsetHeight, gap = 12;
      var left = event.clientX - bounds.left + gap;
      if (left + width > bounds.width - 4) left = event.clientX - bounds.left - width - gap;
      left = Math.max(4, Math.min(left, bounds.width - width - 4));
      var top = event.clientY - bounds.top + gap;
      if (event.clientY + gap + height > window.innerHeight - 4) top = event.clientY - bounds.top - height - gap;
      box.style.left = left + "px";
      box.style.top = Math.max(top, 4 - bounds.top) + "px";
    };
  }

  // Vega shows a tooltip when the pointer moves over a mark; a tap moves no pointer, so a tap
  // on a mark is passed on as a move there (a tap on no mark puts the tooltip away).
  function tapForTooltips(element) {
    if (element.hasAttribute("data-tap")) return;
    element.setAttribute("data-tap", "");
    element.addEventListener("pointerup", function (event) {
      if (event.pointerType === "mouse") return;
      tooltipBox(element).hidden = true;
      event.target.dispatchEvent(new PointerEvent("pointermove", {
        bubbles: true, clientX: event.clientX, clientY: event.clientY, pointerType: event.pointerType
      }));
    });
  }

  // The keyboard: a chart's drawing is a stop on the Tab path. With the focus on it, the arrow keys
  // step through its marks from left to right, showing each one's tooltip; Home and End go to the
  // first and the last; Escape puts the tooltip away. The focus itself shows the current mark's.
  function markPoints(view, element) {
    var points = [], svg = element.querySelector("svg"), root = svg && svg.querySelector(":scope > g");
    if (!root || !root.getScreenCTM()) return points;
    var at = root.getScreenCTM();  // where the scene's origin is on the screen (Vega's padding included)
    (function visit(mark, dx, dy) {
      (mark.items || []).forEach(function (item) {
        if (mark.marktype === "group") {
          (item.items || []).forEach(function (inner) { visit(inner, dx + (item.x || 0), dy + (item.y || 0)); });
          return;
        }
        if (item.tooltip == null) return;
        var b = item.bounds, x, y;
        if (mark.marktype === "line" || mark.marktype === "area" || mark.marktype === "symbol") {
          x = item.x; y = item.y;
        } else if (b && !b.empty()) {
          x = (b.x1 + b.x2) / 2; y = (b.y1 + b.y2) / 2;
        } else return;
        var point = mark.marktype === "line" || mark.marktype === "area" || mark.marktype === "symbol";
        points.push({ x: at.e + dx + x, y: at.f + dy + y, item: item, point: point });
      });
    })(view.scenegraph().root, 0, 0);
    // A value drawn twice (a line and its points) is one stop.
    var seen = {};
    return points.sort(function (a, b) { return a.x - b.x || a.y - b.y; }).filter(function (point) {
      var key = JSON.stringify(point.item.tooltip);
      return seen[key] ? false : (seen[key] = true);
    });
  }

  // Between the points of a line, Vega finds no mark under the pointer: the point nearest the
  // pointer's x (of the series nearest its y) shows its tooltip, within NEAR_X pixels across and
  // NEAR_Y up or down, as a reader expects of a line. Shapes and bars do not: the sea next to a
  // country is not that country.
  var NEAR_X = 30, NEAR_Y = 60;
  function nearestForTooltips(element) {
    if (element.hasAttribute("data-near")) return;
    element.setAttribute("data-near", "");
    element.addEventListener("pointermove", function (event) {
      var view = views.get(element), show = tips.get(element), box = tooltipBox(element);
      if (!view || !show || event.pointerType !== "mouse") return;
      // Vega's tooltip for the mark under the pointer stands, but on a line or an area (one path for
      // all its points) the point nearest the pointer's x is the one the reader means.
      var onPath = Array.isArray(event.target.__data__);
      if (!box.hidden && box.shownFor === event && !onPath) { box.near = false; return; }
      if (!box.hidden && box.shownFor !== event && !box.near) return;  // Vega's, until Vega puts it away
      var best = null, across = NEAR_X + 1, upDown = NEAR_Y + 1;
      markPoints(view, element).forEach(function (point) {
        if (!point.point) return;
        var dx = Math.abs(point.x - event.clientX), dy = Math.abs(point.y - event.clientY);
        if (dx > NEAR_X || dy > NEAR_Y) return;
        if (dx < across - 0.5 || (Math.abs(dx - across) <= 0.5 && dy < upDown)) { best = point; across = dx; upDown = dy; }
      });
      if (best) show(null, event, best.item, best.item.tooltip);
      else box.hidden = true;
      box.near = !!best;
    });
    element.addEventListener("pointerleave", function (event) {
      if (event.pointerType === "mouse") tooltipBox(element).hidden = true;  // a tap ends with a leave too
    });
  }

  function keysForTooltips(element) {
    if (element.hasAttribute("data-keys")) return;
    element.setAttribute("data-keys", "");
    var index = -1;
    function showAt(next) {
      var view = views.get(element), show = tips.get(element);
      var points = view && show ? markPoints(view, element) : [];
      if (!points.length) return false;
      index = Math.max(0, Math.min(points.length - 1, next));
      show(null, { clientX: points[index].x, clientY: points[index].y }, points[index].item, points[index].item.tooltip);
      return points.length;
    }
    element.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { tooltipBox(element).hidden = true; return; }
      var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      var next = event.key === "Home" ? 0 : event.key === "End" ? Infinity : step ? index + step : null;
      if (next === null) return;
      if (showAt(index < 0 && step < 0 ? Infinity : next < 0 ? 0 : next)) event.preventDefault();
    });
    element.addEventListener("focus", function () { if (element.matches(":focus-visible")) showAt(Math.max(index, 0)); });
    element.addEventListener("blur", function () { tooltipBox(element).hidden = true; });
  }

  function escape(text) {
    return String(text).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  // A chart drawn differently on a phone's screen (a map as ranked bars) has a spec for it.
  function narrow(element) {
    var media = element.getAttribute("data-narrow-media");
    return !!media && window.matchMedia(media).matches;
  }

  function draw(element) {
    var variant = scheme() + (narrow(element) ? "-narrow" : "");
    var url = element.getAttribute("data-spec-" + variant);
    return Promise.all([loadRuntime(), fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.json();
    })]).then(function (loaded) {
      var vega = loaded[0], spec = loaded[1];
      if (views.has(element)) views.get(element).finalize();
      // The drawing goes over the static one, which stays in the page to be printed.
      var container = element.querySelector(":scope > .chart__drawing");
      if (!container) {
        container = document.createElement("div");
        container.className = "chart__drawing";
        element.appendChild(container);
      }
      container.textContent = "";
      var view = new vega.View(vega.parse(spec, null, { ast: true }), {
        renderer: "svg", container: container, hover: true,
        expr: window.vegaInterpreter.expressionInterpreter
      });
      var show = tooltip(element);
      view.tooltip(show);
      tips.set(element, show);
      tapForTooltips(element);
      nearestForTooltips(element);
      keysForTooltips(element);
      views.set(element, view);
      return view.runAsync();
    }).then(function () {
      element.classList.add("chart__view--drawn");
      // Which drawing is on screen ("light", "dark-narrow" …): a drawing again is over when it changes.
      element.setAttribute("data-drawn", variant);
      if (document.activeElement === element && element.matches(":focus-visible")) element.dispatchEvent(new FocusEvent("focus"));
    }).catch(function (error) {
      element.classList.add("chart__view--failed");
      element.textContent = "This chart could not be drawn. The data is available as a download below.";
      console.error("chart " + element.parentNode.id + ":", error);
    });
  }

  // A chart on its own page (embedded elsewhere) follows the reader's system setting.
  if (document.body.classList.contains("chart-page") && window.matchMedia("(prefers-color-scheme: dark)").matches) {
    document.body.setAttribute("data-md-color-scheme", "slate");
  }

  // Embed codes name the chart page by its full address, wherever the site is hosted.
  document.querySelectorAll("code[data-embed-path]").forEach(function (code) {
    var absolute = new URL(code.getAttribute("data-embed-path"), location.href).href;
    code.textContent = code.textContent.replace(/src="[^"]*"/, 'src="' + absolute + '"');
  });

  // Printed: black on white whatever the palette, every collapsed block open, and each chart
  // as its static drawing in the light palette, which a lazy image far down the page may not
  // have loaded yet (the print section of site.css does the rest); the page is put back as it
  // was afterwards.
  var printed = null;
  window.addEventListener("beforeprint", function () {
    if (printed) return;
    printed = { scheme: document.body.getAttribute("data-md-color-scheme"), opened: [] };
    if (printed.scheme === "slate") document.body.setAttribute("data-md-color-scheme", "default");
    document.querySelectorAll("details:not([open]):not(.chart__data)").forEach(function (details) {
      details.open = true;
      printed.opened.push(details);
    });
    document.querySelectorAll(".chart__static img[loading='lazy']").forEach(function (img) { img.loading = "eager"; });
  });
  window.addEventListener("afterprint", function () {
    if (!printed) return;
    if (printed.scheme === "slate") document.body.setAttribute("data-md-color-scheme", "slate");
    printed.opened.forEach(function (details) { details.open = false; });
    printed = null;
  });

  var pending = Array.prototype.slice.call(document.querySelectorAll(".chart__view[data-spec-light]"));
  if (!pending.length) return;

  // The interactive view (tooltips) is drawn over the static drawing when the reader
  // scrolls a chart near the viewport, or points at, touches or focuses it. A
  // chart already in view when the page opens stays static until then, so the
  // runtime is not part of the page's first load. The static drawing in the light
  // palette, hidden from then on (or all along in the dark palette), is what prints:
  // it is fetched now, since a lazy image that is not displayed never loads.
  function drawOnce(element) {
    if (!views.has(element) && !element.hasAttribute("data-drawing")) {
      element.setAttribute("data-drawing", "");
      element.querySelectorAll(".chart__static--light img[loading='lazy']").forEach(function (img) { img.loading = "eager"; });
      draw(element);
    }
  }
  pending.forEach(function (element) {
    element.tabIndex = 0;  // a stop on the Tab path: the arrow keys then read the marks (keysForTooltips)
    ["pointerenter", "touchstart", "focusin"].forEach(function (type) {
      element.parentNode.addEventListener(type, function () { drawOnce(element); }, { once: true, passive: true });
    });
  });
  if ("IntersectionObserver" in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          drawOnce(entry.target);
        }
      });
    }, { rootMargin: "300px 0px" });
    // Only a scroll by the reader counts, not the small adjustments a page makes as it settles.
    var startY = window.scrollY;
    window.addEventListener("scroll", function onScroll() {
      if (Math.abs(window.scrollY - startY) < 40) return;
      window.removeEventListener("scroll", onScroll);
      pending.forEach(function (element) { observer.observe(element); });
    }, { passive: true });
  } else {
    pending.forEach(drawOnce);
  }

  // Draw again when the screen crosses to or from a phone's width (a phone turned, a window resized).
  pending.forEach(function (element) {
    var media = element.getAttribute("data-narrow-media");
    if (media) window.matchMedia(media).addEventListener("change", function () {
      if (views.has(element)) draw(element);
    });
  });

  // Draw again in the other palette when the reader (or the system) switches; not for the
  // palette of a print, which shows the static drawings.
  var drawnIn = scheme();
  new MutationObserver(function () {
    if (printed || scheme() === drawnIn) return;
    drawnIn = scheme();
    views.forEach(function (view, element) { draw(element); });
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
})();
