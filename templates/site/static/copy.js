// "Copy BibTeX" buttons: shown only when the clipboard API is available; the text stays selectable anyway.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll("button.copy[data-copy]").forEach((button) => {
    const target = document.getElementById(button.dataset.copy);
    if (!target) return;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(target.textContent);
        button.textContent = "Copied";
      } catch (error) {
        button.textContent = "Copy failed: select the text instead";
      }
      window.setTimeout(() => { button.textContent = "Copy BibTeX"; }, 2000);
    });
  });
})();
