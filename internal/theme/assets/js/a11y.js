// Reading tools: the accessibility bar on every page (layouts/_partials/a11y/toolbar.html) and,
// on announcement pages, the 大/中/小 (Big/Middle/Small) switcher and the print button.
//
// The state is kept in localStorage under "gazette-" + name and mirrored on <html>, where the CSS
// reads it: data-fontsize (s, l, xl, xxl; absent is the default step m), data-elder,
// data-contrast, data-cursor, data-speak. The inline script in <head> (head/fontsize-init.html)
// applies it before first paint with the same keys and values, so this script only answers the
// reader. Toggles are stored as "1" or "0": a "0" for contrast means the reader turned it off
// although the system asks for more contrast.
//
// Read-aloud uses the browser's speech synthesis in the page's language: the button reads the
// announcement (or the page's main content) block by block, and while it is on, the element that
// receives focus is read. Nothing is ever spoken without the reader's action.
(function () {
  "use strict";
  var d = document;
  var root = d.documentElement;
  var STEPS = ["s", "m", "l", "xl", "xxl"];
  var TOGGLES = ["elder", "contrast", "cursor", "speak"];
  var BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,caption,th,td";
  var bar = d.querySelector(".a11y");
  var system = window.matchMedia && matchMedia("(prefers-contrast: more)");
  var Utterance = window.SpeechSynthesisUtterance;
  var synth = Utterance && window.speechSynthesis; // both, or read-aloud is hidden (see <head>)
  var reading = false; // the page, not a focused element, is being read
  var paused = false;
  var run = 0; // counts readings, so that the end of an old one does not end a new one

  function store(name, value) {
    try {
      if (value == null) localStorage.removeItem("gazette-" + name);
      else localStorage.setItem("gazette-" + name, value);
    } catch (e) {
      // Storage may be disabled; the choice still holds on this page.
    }
  }

  function stored(name) {
    try {
      return localStorage.getItem("gazette-" + name);
    } catch (e) {}
  }

  function each(selector, f) {
    Array.prototype.forEach.call(d.querySelectorAll(selector), f);
  }

  function on(name) {
    return root.hasAttribute("data-" + name);
  }

  function flag(name, value) {
    if (value) root.setAttribute("data-" + name, "");
    else root.removeAttribute("data-" + name);
  }

  function step() {
    return root.getAttribute("data-fontsize") || "m";
  }

  function setStep(s) {
    if (s === "m") root.removeAttribute("data-fontsize");
    else root.setAttribute("data-fontsize", s);
    store("fontsize", s === "m" ? null : s);
  }

  // show makes every control tell the state that <html> holds.
  function show() {
    var i = STEPS.indexOf(step());
    TOGGLES.forEach(function (name) {
      each('[data-a11y="' + name + '"]', function (b) {
        b.setAttribute("aria-pressed", on(name));
      });
    });
    each('[data-a11y="pause"]', function (b) {
      b.setAttribute("aria-pressed", paused);
    });
    each("[data-size]", function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-size") === step());
    });
    each('[data-a11y="zoom-in"]', function (b) {
      b.setAttribute("aria-disabled", i === STEPS.length - 1);
    });
    each('[data-a11y="zoom-out"]', function (b) {
      b.setAttribute("aria-disabled", i === 0);
    });
  }

  // texts returns what to say for el: the text of each visible block in it, in order, leaving
  // out navigation, controls and the browse count; or its own name when it has no blocks (a link,
  // a button).
  function texts(el) {
    var out = [];
    var blocks = el.matches(BLOCKS) ? [el] : el.querySelectorAll(BLOCKS);
    Array.prototype.forEach.call(blocks, function (b) {
      var t = b.innerText.replace(/\s+/g, " ").trim();
      if (t && b.getClientRects().length && !b.querySelector(BLOCKS) && (b === el || !b.closest("nav,.tools,.a11y,.views"))) {
        out.push(t);
      }
    });
    if (!out.length) {
      var name = (el.getAttribute("aria-label") || el.innerText || el.value || el.title || "").trim();
      if (name) out.push(name);
    }
    return out;
  }

  // hush empties the queue. Chromium keeps the voice paused through cancel(), so that whatever
  // is spoken next would wait silently for a resume() that never comes: resume it here.
  function hush() {
    synth.cancel();
    synth.resume();
  }

  function say(list, page) {
    var mine = ++run;
    hush();
    reading = page;
    paused = false;
    show();
    list.forEach(function (t, i) {
      var u = new Utterance(t);
      u.lang = root.lang;
      if (i === list.length - 1) {
        u.onend = function () {
          if (mine === run) {
            reading = paused = false;
            show();
          }
        };
      }
      synth.speak(u);
    });
  }

  function readPage() {
    say(texts(d.querySelector("article") || d.getElementById("main") || d.body), true);
  }

  function silence() {
    run++;
    reading = paused = false;
    if (synth) hush();
  }

  d.addEventListener("click", function (ev) {
    var b = ev.target.closest && ev.target.closest("button");
    if (!b) return;
    var a = b.getAttribute("data-a11y");
    var i = STEPS.indexOf(step());
    if (b.hasAttribute("data-size")) {
      setStep(b.getAttribute("data-size"));
    } else if (b.hasAttribute("data-print")) {
      window.print();
    } else if (a === "zoom-in") {
      setStep(STEPS[Math.min(i + 1, STEPS.length - 1)]);
    } else if (a === "zoom-out") {
      setStep(STEPS[Math.max(i - 1, 0)]);
    } else if (a === "reset") {
      ["fontsize"].concat(TOGGLES).forEach(function (name) {
        store(name, null);
        flag(name, false);
      });
      flag("contrast", system && system.matches);
      silence();
    } else if (TOGGLES.indexOf(a) >= 0) {
      var now = !on(a);
      flag(a, now);
      store(a, now ? "1" : "0");
      if (a === "speak" && synth) {
        if (now) readPage();
        else silence();
      }
    } else if (!synth) {
      return;
    } else if (a === "play") {
      readPage();
    } else if (a === "pause") {
      paused = !paused;
      if (paused) synth.pause();
      else synth.resume();
    } else if (a === "stop") {
      silence();
    } else {
      return;
    }
    show();
  });

  // While read-aloud is on, focus reads what it lands on. Moving through the bar's own buttons
  // does not interrupt the page being read, so that Pause and Stop can be reached by keyboard.
  d.addEventListener("focusin", function (ev) {
    if (!synth || !on("speak") || (reading && bar && bar.contains(ev.target))) return;
    say(texts(ev.target), false);
  });

  window.addEventListener("pagehide", silence);

  // A reader who has not chosen follows the system's contrast setting, also when it changes.
  if (system && system.addEventListener) {
    system.addEventListener("change", function () {
      if (stored("contrast") == null) {
        flag("contrast", system.matches);
        show();
      }
    });
  }

  show();
})();
