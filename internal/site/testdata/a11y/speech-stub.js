// Stands in for the browser's speech synthesis, installed before any page script runs. It
// records every call in window.speechLog as {op, text, lang}, and every utterance the voice
// actually begins as op "start". It keeps Chromium's queue and pause semantics: one utterance
// speaks at a time; pause() holds the voice, and it stays held through cancel(), so that
// speak() while paused only queues until resume(). finish() ends what is queued, one utterance
// after another, as the browser does once it has spoken it; while paused it ends nothing.
(() => {
  const log = [];
  const queue = [];
  let current = null;
  let paused = false;
  function next() {
    if (paused || current || !queue.length) return;
    current = queue.shift();
    log.push({ op: "start", text: current.text, lang: current.lang });
  }
  const synth = {
    get paused() {
      return paused;
    },
    get speaking() {
      return current !== null;
    },
    get pending() {
      return queue.length > 0;
    },
    speak(u) {
      log.push({ op: "speak", text: u.text, lang: u.lang });
      queue.push(u);
      next();
    },
    cancel() {
      log.push({ op: "cancel", text: "", lang: "" });
      queue.length = 0;
      current = null;
    },
    pause() {
      log.push({ op: "pause", text: "", lang: "" });
      paused = true;
    },
    resume() {
      log.push({ op: "resume", text: "", lang: "" });
      paused = false;
      next();
    },
    getVoices() {
      return [];
    },
    finish() {
      while (current && !paused) {
        const u = current;
        current = null;
        if (u.onend) u.onend({});
        next();
      }
    },
  };
  function Utterance(text) {
    this.text = text;
    this.lang = "";
  }
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  Object.defineProperty(window, "SpeechSynthesisUtterance", { value: Utterance, configurable: true });
  window.speechLog = log;
})();
