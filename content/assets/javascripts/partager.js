/* « Partager cette fiche »: the phone's share sheet where there is one, else the address is copied; and
   « Copier l'adresse » buttons (data-cls-copy).
   Without JavaScript the button stays hidden; the « Envoyer par courriel » link beside it works anyway. */
(function () {
  "use strict";

  /* « Copier l'adresse » (the agenda's subscription address): a phone cannot select a long address easily. */
  function initCopy() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("[data-cls-copy]").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "yes";
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.dataset.clsCopy).then(function () {
          button.textContent = "Adresse copiée";
        });
      });
    });
  }

  function init() {
    initCopy();
    document.querySelectorAll("[data-cls-share]").forEach(function (button) {
      if (button.dataset.ready || !(navigator.share || navigator.clipboard)) return;
      button.dataset.ready = "yes";
      button.hidden = false;
      button.addEventListener("click", function () {
        // No data-url: the page's own address, as it is now (the side-by-side comparison keeps its choice there).
        var data = { title: button.dataset.title, url: button.dataset.url || window.location.href };
        if (navigator.share) {
          navigator.share(data).catch(function () {});
          return;
        }
        navigator.clipboard.writeText(data.url).then(function () {
          button.textContent = "Adresse copiée";
        });
      });
    });
  }

  if (window.document$) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
