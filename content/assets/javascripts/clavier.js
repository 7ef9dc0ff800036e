/* The menu button of the phone layout, for the keyboard. Material draws it as a <label> of a hidden checkbox:
   a finger or a mouse opens the drawer, Tab never reaches it. With JavaScript, a real <button> (header.html)
   takes the label's place: Enter or Space opens the drawer and moves the focus into it, Escape closes it and
   gives the focus back. Without JavaScript the label stays (no dead focus stop). The header is not swapped by
   instant navigation, so this runs once. */
(function () {
  "use strict";

  function init() {
    var toggle = document.getElementById("__drawer");
    var label = document.querySelector(".md-header__button[for='__drawer']");
    var button = document.querySelector(".cls-menu");
    if (!toggle || !label || !button || !button.hidden) return;
    label.hidden = true;
    button.hidden = false;

    function open(state, moveFocus) {
      toggle.checked = state;
      toggle.dispatchEvent(new Event("change"));
      if (!moveFocus) return;
      if (state) {
        var first = document.querySelector(".md-sidebar--primary a[href]");
        // once the drawer is visible again (clavier.css), or the focus would be refused
        if (first) setTimeout(function () { first.focus(); }, 30);
      } else {
        button.focus();
      }
    }

    button.addEventListener("click", function (event) {
      // a click from the keyboard (detail 0) moves the focus into the drawer; a tap leaves it
      open(!toggle.checked, event.detail === 0);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) open(false, true);
    });
    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(toggle.checked));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
