/* Served only by `guidebook serve` (guidebook/publish/live_http.py), never part of the built site: reloads the
   page when the live preview has a newer version of the site. */
(function () {
  "use strict";
  var seen = null;
  function ask() {
    fetch("/.guidebook/version", { cache: "no-store" })
      .then(function (answer) { return answer.ok ? answer.text() : seen; })
      .then(function (version) {
        if (seen !== null && version !== seen) {
          location.reload();
          return;
        }
        seen = version;
        setTimeout(ask, 500);
      })
      .catch(function () { setTimeout(ask, 2000); });  // the preview stopped or restarts: keep asking, slower
  }
  ask();
})();
