/* Sujarit: solve the corruption form's proof-of-work before it is sent (own code, no dependency).
   Finds a nonce such that sha256(token + ":" + nonce) starts with `data-bits` zero bits. Uses
   WebCrypto where the page is a secure context, and a small built-in SHA-256 elsewhere. */
(function () {
  "use strict";

  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];

  function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }

  /* SHA-256 of a byte array -> Uint8Array(32); only for pages served without HTTPS. */
  function sha256(bytes) {
    var len = bytes.length, total = ((len + 9 + 63) >> 6) << 6, m = new Uint8Array(total), i, j;
    m.set(bytes); m[len] = 0x80;
    var bits = len * 8;
    m[total - 4] = (bits >>> 24) & 255; m[total - 3] = (bits >>> 16) & 255;
    m[total - 2] = (bits >>> 8) & 255; m[total - 1] = bits & 255;
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var w = new Array(64);
    for (i = 0; i < total; i += 64) {
      for (j = 0; j < 16; j++) {
        w[j] = (m[i + 4 * j] << 24) | (m[i + 4 * j + 1] << 16) | (m[i + 4 * j + 2] << 8) | m[i + 4 * j + 3];
      }
      for (j = 16; j < 64; j++) {
        var s0 = rotr(w[j - 15], 7) ^ rotr(w[j - 15], 18) ^ (w[j - 15] >>> 3);
        var s1 = rotr(w[j - 2], 17) ^ rotr(w[j - 2], 19) ^ (w[j - 2] >>> 10);
        w[j] = (w[j - 16] + s0 + w[j - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (j = 0; j < 64; j++) {
        var t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[j] + w[j]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
    }
    var out = new Uint8Array(32);
    for (i = 0; i < 8; i++) {
      out[4 * i] = h[i] >>> 24; out[4 * i + 1] = (h[i] >>> 16) & 255;
      out[4 * i + 2] = (h[i] >>> 8) & 255; out[4 * i + 3] = h[i] & 255;
    }
    return out;
  }

  function zeroBits(digest) {
    var count = 0;
    for (var i = 0; i < digest.length; i++) {
      var byte = digest[i];
      if (byte === 0) { count += 8; continue; }
      while ((byte & 0x80) === 0) { count++; byte <<= 1; }
      return count;
    }
    return count;
  }

  var encoder = new TextEncoder();
  var subtle = window.crypto && window.crypto.subtle && window.isSecureContext ? window.crypto.subtle : null;

  function digest(text) {
    var bytes = encoder.encode(text);
    if (subtle) {
      return subtle.digest("SHA-256", bytes).then(function (buf) { return new Uint8Array(buf); });
    }
    return Promise.resolve(sha256(bytes));
  }

  /* Try nonces in batches, reporting progress; resolves with the nonce as a string. */
  function solve(token, need, progress) {
    var nonce = 0;
    function batch() {
      var tries = [];
      for (var i = 0; i < 256; i++) { tries.push(digest(token + ":" + (nonce + i))); }
      return Promise.all(tries).then(function (digests) {
        for (var i = 0; i < digests.length; i++) {
          if (zeroBits(digests[i]) >= need) { return String(nonce + i); }
        }
        nonce += digests.length;
        progress(nonce);
        return new Promise(function (resolve) { setTimeout(resolve, 0); }).then(batch);
      });
    }
    return batch();
  }

  function attach(form) {
    var status = form.querySelector("[data-pow-status]");
    var button = form.querySelector("button[type=submit]");
    var need = parseInt(form.getAttribute("data-bits") || "0", 10);
    var busy = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) { return; }  // a double click sends nothing twice
      busy = true;
      if (button) { button.disabled = true; }
      var token = form.elements.token.value;
      if (status) { status.textContent = form.getAttribute("data-working"); }
      solve(token, need, function (tried) {
        if (status) { status.textContent = form.getAttribute("data-working") + " (" + tried + ")"; }
      }).then(function (nonce) {
        form.elements.nonce.value = nonce;
        if (status) { status.textContent = form.getAttribute("data-done"); }
        form.submit();  // a programmatic submit does not fire this handler again
      }).catch(function () {
        busy = false;
        if (button) { button.disabled = false; }
        if (status) { status.textContent = form.getAttribute("data-failed"); }
      });
    });
    // Back from the receipt page (page cache): let the form be used again.
    window.addEventListener("pageshow", function () {
      busy = false;
      if (button) { button.disabled = false; }
      if (status) { status.textContent = ""; }
    });
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
