// Installed before any page script runs. When <body> first appears, nothing of the page can have
// been painted yet: window.paintWatch.atBody is a copy of the reading-mode attributes <html>
// carried at that moment. Every change to those attributes after it is listed in
// window.paintWatch.later: each would show as a jump on screen.
//
// Mutation records arrive later than the mutations, in batches, but in the order they happened.
// So the values at the moment <body> was added are worked out from the records, not read when
// the observer runs: the current value, or, where an attribute changed after <body> came, the old
// value of its first change after that.
(() => {
  const names = ["data-fontsize", "data-elder", "data-contrast", "data-cursor", "data-speak", "class"];
  const watch = (window.paintWatch = { atBody: null, later: [] });
  new MutationObserver((records) => {
    // Installed before the parser has made <html>: look it up now.
    const root = document.documentElement;
    let seen = watch.atBody !== null;
    const atBody = {};
    const changed = new Set();
    for (const r of records) {
      if (!seen) {
        if (r.type === "childList" && [...r.addedNodes].some((n) => n.nodeName === "BODY")) {
          seen = true;
        }
        continue;
      }
      if (r.type !== "attributes" || r.target !== root || !names.includes(r.attributeName)) continue;
      if (!watch.atBody && !changed.has(r.attributeName)) {
        changed.add(r.attributeName);
        atBody[r.attributeName] = r.oldValue;
      }
      watch.later.push(r.attributeName + " became " + JSON.stringify(root.getAttribute(r.attributeName)));
    }
    if (seen && !watch.atBody) {
      for (const n of names) if (!changed.has(n)) atBody[n] = root.getAttribute(n);
      watch.atBody = atBody;
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeOldValue: true, attributeFilter: names });
})();
