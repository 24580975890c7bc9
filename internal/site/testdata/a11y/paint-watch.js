// Installed before any page script runs. When <body> first appears, nothing of the page can have
// been painted yet: window.paintWatch.atBody is a copy of the reading-mode attributes <html>
// carries at that moment, with the document's readyState (still "loading", so no deferred
// script has run). After that, every change to those attributes until the page has loaded is
// listed in window.paintWatch.later: each would show as a jump on screen.
(() => {
  const names = ["data-fontsize", "data-elder", "data-contrast", "data-cursor", "data-speak", "class"];
  const watch = (window.paintWatch = { atBody: null, readyState: "", later: [] });
  const snapshot = () => {
    const out = {};
    for (const n of names) out[n] = document.documentElement.getAttribute(n);
    return out;
  };
  const first = new MutationObserver(() => {
    if (!document.body || watch.atBody) return;
    watch.atBody = snapshot();
    watch.readyState = document.readyState;
    first.disconnect();
    new MutationObserver((records) => {
      for (const r of records) {
        if (names.includes(r.attributeName)) {
          watch.later.push(r.attributeName + " became " + JSON.stringify(document.documentElement.getAttribute(r.attributeName)));
        }
      }
    }).observe(document.documentElement, { attributes: true });
  });
  first.observe(document, { childList: true, subtree: true });
})();
