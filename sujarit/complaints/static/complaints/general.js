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
          form.dispatchEvent(new Event("geolocated"));
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

// A map layer, only when the operator configured a tile server (SUJARIT_MAP_TILES): tap to set the
// position. Web Mercator tiles of 256 px; the form's latitude/longitude stay the fields that count.
(function () {
  "use strict";
  var TILE = 256;
  function project(lat, lon, z) {
    var n = TILE * Math.pow(2, z), s = Math.sin(lat * Math.PI / 180);
    return { x: (lon + 180) / 360 * n, y: (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n };
  }
  function unproject(x, y, z) {
    var n = TILE * Math.pow(2, z), k = Math.PI - 2 * Math.PI * y / n;
    return { lat: 180 / Math.PI * Math.atan(0.5 * (Math.exp(k) - Math.exp(-k))), lon: x / n * 360 - 180 };
  }
  function setup(box) {
    var form = box.closest("form"), lat = form.elements.latitude, lon = form.elements.longitude;
    var start = (box.getAttribute("data-center") || "13.7563,100.5018").split(",").map(Number);
    var view = { lat: start[0], lon: start[1], z: 15 }, marker = null;
    function draw() {
      box.textContent = "";
      var w = box.clientWidth, h = box.clientHeight, c = project(view.lat, view.lon, view.z);
      var left = c.x - w / 2, top = c.y - h / 2, max = Math.pow(2, view.z);
      for (var tx = Math.floor(left / TILE); tx <= Math.floor((left + w) / TILE); tx++) {
        for (var ty = Math.floor(top / TILE); ty <= Math.floor((top + h) / TILE); ty++) {
          if (ty < 0 || ty >= max) continue;
          var img = document.createElement("img");
          img.alt = ""; img.width = TILE; img.height = TILE;
          img.src = box.getAttribute("data-tiles").replace("{z}", view.z)
            .replace("{x}", ((tx % max) + max) % max).replace("{y}", ty);
          img.style.left = (tx * TILE - left) + "px"; img.style.top = (ty * TILE - top) + "px";
          box.appendChild(img);
        }
      }
      if (marker) {
        var p = project(marker.lat, marker.lon, view.z), dot = document.createElement("span");
        dot.className = "pin"; dot.style.left = (p.x - left) + "px"; dot.style.top = (p.y - top) + "px";
        box.appendChild(dot);
      }
      ["+", "−"].forEach(function (sign) {
        var b = document.createElement("button");
        b.type = "button"; b.className = "zoom"; b.textContent = sign;
        b.addEventListener("click", function (e) {
          e.stopPropagation(); view.z = Math.max(5, Math.min(19, view.z + (sign === "+" ? 1 : -1))); draw();
        });
        box.appendChild(b);
      });
    }
    box.addEventListener("click", function (e) {
      var r = box.getBoundingClientRect(), c = project(view.lat, view.lon, view.z);
      var at = unproject(c.x - box.clientWidth / 2 + e.clientX - r.left, c.y - box.clientHeight / 2 + e.clientY - r.top, view.z);
      marker = at; view.lat = at.lat; view.lon = at.lon;
      lat.value = at.lat.toFixed(6); lon.value = at.lon.toFixed(6);
      draw();
    });
    function fromFields() {
      var a = parseFloat(lat.value), b = parseFloat(lon.value);
      if (!isNaN(a) && !isNaN(b)) { marker = { lat: a, lon: b }; view.lat = a; view.lon = b; draw(); }
    }
    lat.addEventListener("change", fromFields); lon.addEventListener("change", fromFields);
    form.addEventListener("geolocated", fromFields);
    draw(); fromFields();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-tile-map]").forEach(setup);
  });
})();
