// Reading tools on announcement pages: the 大/中/小 (Big/Middle/Small) font-size buttons and the
// print button. The choice is kept in localStorage and applied as data-fontsize on <html>;
// an inline script in <head> re-applies it before paint on every page (same key and values).
(function () {
  "use strict";
  var KEY = "gazette-fontsize";
  var root = document.documentElement;
  var buttons = document.querySelectorAll(".fontsize button[data-size]");

  function show(size) {
    if (size === "m") {
      root.removeAttribute("data-fontsize");
    } else {
      root.setAttribute("data-fontsize", size);
    }
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-size") === size));
    }
  }

  show(root.getAttribute("data-fontsize") || "m");

  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener("click", function () {
      var size = this.getAttribute("data-size");
      show(size);
      try {
        localStorage.setItem(KEY, size);
      } catch (e) {
        // Storage may be disabled; the size still applies to this page.
      }
    });
  }

  var print = document.querySelector("button[data-print]");
  if (print) {
    print.addEventListener("click", function () {
      window.print();
    });
  }
})();
