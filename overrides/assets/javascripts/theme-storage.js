// Globals the theme's bundle expects before it runs: where the site's root is, and
// small helpers that keep the reader's choices (colour scheme, dismissed banners) in
// local storage, keyed by the site's path. The theme defines them in an inline script;
// here they come from this file, so no page needs an inline script.
(function () {
  // This file is served from <root>/assets/javascripts/.
  var root = new URL("../../", document.currentScript.src);

  function hash(text) {
    var value = 0;
    for (var character of text) {
      value = (value << 5) - value + character.charCodeAt(0);
    }
    return value;
  }

  function get(key, storage, scope) {
    storage = storage === undefined ? localStorage : storage;
    scope = scope === undefined ? root : scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  }

  function set(key, value, storage, scope) {
    storage = storage === undefined ? localStorage : storage;
    scope = scope === undefined ? root : scope;
    try {
      storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // Storage full or forbidden (private browsing): the choice is not kept.
    }
  }

  window.__md_scope = root;
  window.__md_hash = hash;
  window.__md_get = get;
  window.__md_set = set;
})();
