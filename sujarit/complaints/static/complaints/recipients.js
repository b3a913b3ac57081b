/* Sujarit: on the corruption form, grey out the officers of the unit the reporter complains about
   (the server leaves them out anyway) and say when no one is left to receive the report. The form
   works without this script: the checkboxes are plain form fields. */
(function () {
  "use strict";

  function attach(form) {
    var unit = form.querySelector("select[name=accused_unit]");
    var boxes = form.querySelectorAll("input[name=recipients]");
    var nobody = form.querySelector("[data-nobody]");
    function update() {
      var accused = unit ? unit.value : "";
      var left = 0;
      for (var i = 0; i < boxes.length; i++) {
        var box = boxes[i];
        var out = accused !== "" && box.getAttribute("data-unit") === accused;
        var note = box.closest("li").querySelector("[data-excluded]");
        if (note) { note.hidden = !out; }
        box.closest("li").style.opacity = out ? "0.5" : "";
        if (box.checked && !out) { left++; }
      }
      if (nobody) { nobody.hidden = left > 0; }
    }
    if (unit) { unit.addEventListener("change", update); }
    for (var i = 0; i < boxes.length; i++) { boxes[i].addEventListener("change", update); }
    update();
  }

  function start() {
    var forms = document.querySelectorAll("form[data-pow]");
    for (var i = 0; i < forms.length; i++) { attach(forms[i]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
