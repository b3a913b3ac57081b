// A second tap while the first is on its way does nothing (the server also answers a repeated form
// with the same ticket).
document.querySelectorAll("form.one-tap").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = "1";
  });
});
