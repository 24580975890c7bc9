// Browse counts (浏览次数 / Browse times), filled in from the browsecount sidecar.
// An announcement page has <span data-browsecount-id="ID" data-browsecount-hit>-</span>: the
// first time this browser session shows the page, POST {endpoint}/v1/hit counts the visit and
// returns the number; later loads in the session only read it with GET {endpoint}/v1/views.
// List pages have spans without data-browsecount-hit, filled by one GET for all their ids.
// On any failure the "-" stays: nothing is thrown or logged, and CSS reserves the width.
// Budget: 1 KB minified (checked by a test in internal/counter).
(function () {
  var ATTR = "data-browsecount-id";
  var script = document.currentScript;
  var endpoint = ((script && script.getAttribute("data-endpoint")) || "/api/browsecount").replace(/\/+$/, "");
  var spans = document.querySelectorAll("[" + ATTR + "]");
  var hit, ids = [], seen = {};
  if (!window.fetch) return;

  function fill(id, n) {
    for (var i = 0; n >= 0 && i < spans.length; i++) {
      if (spans[i].getAttribute(ATTR) == id) spans[i].textContent = n;
    }
  }

  // Resolves to the parsed JSON body of a 2xx answer, otherwise to nothing; never rejects.
  function call(path, init) {
    return fetch(endpoint + path, init).then(function (r) {
      return r.ok ? r.json() : 0;
    })["catch"](function () {});
  }

  // sessionStorage throws where storage is disabled; then every load is a new session, and
  // the server's own 30-minute dedupe still keeps reloads from counting twice.
  function counted(id, set) {
    var key = "browsecount:" + id;
    try {
      return set ? sessionStorage.setItem(key, 1) : sessionStorage.getItem(key);
    } catch (e) {}
  }

  for (var i = 0; i < spans.length; i++) {
    var id = spans[i].getAttribute(ATTR);
    if (seen[id]) continue;
    seen[id] = 1;
    if (!hit && spans[i].hasAttribute("data-browsecount-hit") && !counted(id)) hit = id;
    else ids.push(id);
  }

  // The body goes as text/plain, which needs no CORS preflight; the sidecar checks Origin.
  (hit ? call("/v1/hit", { method: "POST", body: JSON.stringify({ id: hit }) }) : Promise.resolve()).then(function (d) {
    if (d) {
      fill(hit, d.views);
      counted(hit, 1);
    } else if (hit) {
      ids.push(hit); // not counted this time (e.g. rate-limited): still show the number
    }
    for (var i = 0; i < ids.length; i += 100) {
      call("/v1/views?id=" + ids.slice(i, i + 100).map(encodeURIComponent).join("&id=")).then(function (d) {
        for (var id in (d && d.views) || {}) fill(id, d.views[id]);
      });
    }
  });
})();
