// Announce each new call (and each recall) in Thai with the browser's own speech synthesis.
// Browsers only speak after a person has touched the page once, hence the button.
(function () {
  var heard = {};
  var voiceOn = false;
  function mark(speak) {
    document.querySelectorAll("#live tr.call").forEach(function (row) {
      var key = row.dataset.key;
      if (heard[key]) { return; }
      heard[key] = true;
      if (speak && voiceOn && window.speechSynthesis) {
        var u = new SpeechSynthesisUtterance(row.dataset.say);
        u.lang = "th-TH";
        window.speechSynthesis.speak(u);
      }
    });
  }
  mark(false);
  document.body.addEventListener("htmx:afterSwap", function () { mark(true); });
  var button = document.getElementById("voice");
  if (button) {
    button.addEventListener("click", function () { voiceOn = true; button.hidden = true; });
  }
})();
