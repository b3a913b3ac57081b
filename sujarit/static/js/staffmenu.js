// The back-office menu is folded on phones (one line) and open on wider screens.
(function () {
  var menu = document.getElementById("staffmenu");
  if (menu && window.matchMedia("(min-width: 48.01rem)").matches) menu.open = true;
})();
