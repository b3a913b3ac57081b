/* Sujarit: on the corruption form, show before sending which ticked officers will not receive the
   report — those of the unit complained about (at once) and those the name may mean (asked from the
   server's preview, POST …/integrity-reports/recipients, with the unit and the name only) — and say
   when no one is left. The form works without this script: the checkboxes are plain form fields and
   the server applies the same rules when the report is sent. */
(function () {
  "use strict";

  function attach(form) {
    var fieldset = form.querySelector("#recipients");
    if (!fieldset) { return; }
    var unit = form.querySelector("select[name=accused_unit]");
    var name = form.querySelector("input[name=accused_name]");
    var boxes = fieldset.querySelectorAll("input[name=recipients]");
    var nobody = fieldset.querySelector("[data-nobody]");
    var preview = fieldset.getAttribute("data-preview");
    var named = {};  // officer id -> true when the server says the name may mean them
    var timer = null;

    function row(box) { return box.closest("li"); }

    function update() {
      var accused = unit ? unit.value : "";
      var left = 0;
      for (var i = 0; i < boxes.length; i++) {
        var box = boxes[i];
        var why = "";
        if (accused !== "" && box.getAttribute("data-unit") === accused) { why = "unit"; }
        else if (named[box.value]) { why = "named"; }
        var notes = row(box).querySelectorAll("[data-excluded]");
        for (var j = 0; j < notes.length; j++) { notes[j].hidden = notes[j].getAttribute("data-excluded") !== why; }
        row(box).style.opacity = why ? "0.5" : "";
        if (box.checked && !why) { left++; }
      }
      if (nobody) { nobody.hidden = left > 0; }
    }

    function ask() {
      if (!preview || !window.fetch) { return; }
      var body = { accused_name: name ? name.value : "" };
      if (unit && unit.value !== "") { body.accused_unit = parseInt(unit.value, 10); }
      fetch(preview, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        credentials: "omit",
        cache: "no-store",
        referrerPolicy: "no-referrer"
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (data) {
        if (!data) { return; }
        named = {};
        for (var i = 0; i < data.officers.length; i++) {
          if (data.officers[i].excluded_because === "named") { named[String(data.officers[i].id)] = true; }
        }
        update();
      }).catch(function () { /* the server checks again when the report is sent */ });
    }

    function later() {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(ask, 400);
    }

    if (unit) { unit.addEventListener("change", update); }
    if (name) { name.addEventListener("input", later); }
    for (var i = 0; i < boxes.length; i++) { boxes[i].addEventListener("change", update); }
    update();
    if (name && name.value) { ask(); }
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
