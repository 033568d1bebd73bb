// Practice catalogue filters. Values inside one filter widen the result (OR); different filters narrow
// it (AND). The state lives in the address (?approach=case-management&country=BE&q=...) so a filtered
// view can be shared. Plain script, no dependency, nothing loaded from elsewhere.
(function () {
  "use strict";
  var form = document.getElementById("gb-filters");
  var cards = Array.prototype.slice.call(document.querySelectorAll("#gb-cards .gb-card"));
  var counter = document.getElementById("gb-result-count");
  if (!form || !counter) return;

  // Same folding as guidebook/site/catalogue.py: lower case, accents removed.
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function chosen() {
    var filters = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]:checked"), function (box) {
      (filters[box.name] = filters[box.name] || []).push(box.value);
    });
    return filters;
  }

  function matches(card, filters, words) {
    for (var name in filters) {
      var values = (card.getAttribute("data-" + name) || "").split(" ");
      if (!filters[name].some(function (value) { return values.indexOf(value) !== -1; })) return false;
    }
    var text = card.getAttribute("data-text");
    return words.every(function (word) { return text.indexOf(word) !== -1; });
  }

  function announce(count) {
    var key = count === 0 ? "countNone" : count === 1 ? "countOne" : "countOther";
    counter.textContent = form.dataset[key].replace("{count}", count);
  }

  function apply() {
    var filters = chosen();
    var words = fold(form.elements.q.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card, filters, words);
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    announce(shown);
    var params = new URLSearchParams();
    if (form.elements.q.value.trim()) params.append("q", form.elements.q.value.trim());
    Object.keys(filters).forEach(function (name) {
      filters[name].forEach(function (value) { params.append(name, value); });
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    form.elements.q.value = params.get("q") || "";
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
    });
  }

  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  restore();
  apply();
})();
