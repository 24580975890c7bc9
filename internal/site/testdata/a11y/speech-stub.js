// Stands in for the browser's speech synthesis, installed before any page script runs. It
// records every call in window.speechLog as {op, text, lang}; finish() ends what is queued, as
// the browser does once it has spoken it.
(() => {
  const log = [];
  const queue = [];
  const synth = {
    speak(u) {
      log.push({ op: "speak", text: u.text, lang: u.lang });
      queue.push(u);
    },
    cancel() {
      log.push({ op: "cancel", text: "", lang: "" });
      queue.length = 0;
    },
    pause() {
      log.push({ op: "pause", text: "", lang: "" });
    },
    resume() {
      log.push({ op: "resume", text: "", lang: "" });
    },
    getVoices() {
      return [];
    },
    finish() {
      for (const u of queue.splice(0)) if (u.onend) u.onend({});
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
