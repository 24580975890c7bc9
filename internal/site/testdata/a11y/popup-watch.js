// Installed before any page script runs: records every attempt to open a window or a modal
// dialog box in window.popups.
(() => {
  const popups = (window.popups = []);
  for (const name of ["open", "alert", "confirm", "prompt"]) {
    window[name] = function () {
      popups.push(name);
      return null;
    };
  }
  const showModal = HTMLDialogElement.prototype.showModal;
  HTMLDialogElement.prototype.showModal = function () {
    popups.push("dialog.showModal");
    return showModal.call(this);
  };
})();
