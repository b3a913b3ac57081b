// General complaint form: fill latitude/longitude from the browser when asked; send a form only once.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    document.querySelectorAll("[data-geolocate]").forEach(function (button) {
      var form = button.form;
      var status = document.getElementById(button.getAttribute("data-status"));
      function say(key) { if (status) status.textContent = status.getAttribute("data-" + key) || ""; }
      if (!("geolocation" in navigator)) { button.hidden = true; return; }
      button.addEventListener("click", function () {
        say("busy");
        navigator.geolocation.getCurrentPosition(function (pos) {
          form.elements.latitude.value = pos.coords.latitude.toFixed(6);
          form.elements.longitude.value = pos.coords.longitude.toFixed(6);
          say("done");
        }, function () { say("failed"); }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
      });
    });
    // A double tap sends one form (the server also makes one case from one form token).
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
      });
    });
  });
})();
