// The map of PREPARE on a narrow screen: its box scrolls sideways, and opens on the city pilots (not on its
// top-left corner, Iceland). Without script the map opens at its left edge and still scrolls.
(function () {
  "use strict";
  var frame = document.getElementById("gb-map-frame");
  if (!frame || frame.scrollWidth <= frame.clientWidth) return;
  var box = frame.getBoundingClientRect();
  var left = Infinity, right = -Infinity;
  Array.prototype.forEach.call(frame.querySelectorAll(".gb-map__pilot"), function (pilot) {
    var rect = pilot.getBoundingClientRect();
    left = Math.min(left, rect.left);
    right = Math.max(right, rect.right);
  });
  var middle = (left + right) / 2 - box.left;
  frame.scrollLeft = Math.max(0, middle - frame.clientWidth / 2);
})();
