// Practice catalogue filters. Values inside one filter widen the result (OR); different filters narrow
// it (AND). Each value shows how many sheets the list would hold with it, given the other filters, and
// is disabled when that is none. The state lives in the address (?approach=case-management&country=BE&words=...;
// not "q", which opens Material's search) so a filtered view can be shared, and the language switcher carries
// it to the other language (the codes are the same in every language). Plain script, no dependency,
// nothing loaded from elsewhere.
(function () {
  "use strict";
  var form = document.getElementById("gb-filters");
  var counter = document.getElementById("gb-result-count");
  if (!form || !counter) return;
  var cards = Array.prototype.slice.call(document.querySelectorAll("#gb-cards .gb-card"));
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var active = document.getElementById("gb-active");
  var activeList = document.getElementById("gb-active-list");
  var chosenCount = document.getElementById("gb-filter-chosen");
  var panel = document.getElementById("gb-filter-panel");
  var show = document.getElementById("gb-filter-show");

  // Same folding as guidebook/site/catalogue.py: lower case, accents removed.
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function chosen() {
    var filters = {};
    boxes.forEach(function (box) {
      if (box.checked) (filters[box.name] = filters[box.name] || []).push(box.value);
    });
    return filters;
  }

  function hasAny(card, name, values) {
    var own = (card.getAttribute("data-" + name) || "").split(" ");
    return values.some(function (value) { return own.indexOf(value) !== -1; });
  }

  // Whether the card passes the text and every chosen filter but `except` (the one being counted).
  function passes(card, filters, words, except) {
    for (var name in filters) {
      if (name !== except && !hasAny(card, name, filters[name])) return false;
    }
    var text = card.getAttribute("data-text");
    return words.every(function (word) { return text.indexOf(word) !== -1; });
  }

  function announce(count) {
    var key = count === 0 ? "countNone" : count === 1 ? "countOne" : "countOther";
    counter.textContent = form.dataset[key].replace("{count}", count);
    var label = count === 0 ? "none" : count === 1 ? "one" : "other";
    show.textContent = show.dataset[label].replace("{count}", count);
  }

  // "Show N results": where the filters are stacked above the results (phones), close them; either way the
  // results' count takes the focus, so the next Tab reaches the first card.
  show.addEventListener("click", function () {
    if (!matchMedia("(min-width: 60em)").matches) panel.open = false;
    counter.focus({ preventScroll: true });
    counter.scrollIntoView({ block: "start" });
  });

  function updateCounts(filters, words) {
    boxes.forEach(function (box) {
      var count = cards.filter(function (card) {
        return passes(card, filters, words, box.name) && hasAny(card, box.name, [box.value]);
      }).length;
      box.parentNode.querySelector(".gb-count").textContent = "(" + count + ")";
      box.disabled = count === 0 && !box.checked;
    });
  }

  function removal(label, remove) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "gb-active__remove";
    button.textContent = label;
    button.setAttribute("aria-label", form.dataset.remove.replace("{label}", label));
    button.addEventListener("click", function () {
      remove();
      apply();
      (activeList.querySelector("button") || form.elements.words).focus();
    });
    item.appendChild(button);
    activeList.appendChild(item);
  }

  // One button per chosen value, and one for the words typed: pressing it removes that filter.
  function showActive() {
    var checked = boxes.filter(function (box) { return box.checked; });
    var words = form.elements.words.value.trim();
    activeList.textContent = "";
    if (words) removal(words, function () { form.elements.words.value = ""; });
    checked.forEach(function (box) {
      removal(box.dataset.label, function () { box.checked = false; });
    });
    active.hidden = !words && checked.length === 0;
    chosenCount.textContent = checked.length ? "(" + checked.length + ")" : "";
  }

  function query(filters) {
    var params = new URLSearchParams();
    if (form.elements.words.value.trim()) params.append("words", form.elements.words.value.trim());
    Object.keys(filters).forEach(function (name) {
      filters[name].forEach(function (value) { params.append(name, value); });
    });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  // The language switcher's links lead to the same catalogue, filtered the same way.
  function carryToOtherLanguages(search) {
    Array.prototype.forEach.call(document.querySelectorAll("a.md-select__link[hreflang]"), function (link) {
      var target = new URL(link.href);
      target.search = search;
      link.href = target.href;
    });
  }

  function apply() {
    var filters = chosen();
    var words = fold(form.elements.words.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card) {
      card.hidden = !passes(card, filters, words, null);
      if (!card.hidden) shown += 1;
    });
    announce(shown);
    updateCounts(filters, words);
    showActive();
    var search = query(filters);
    history.replaceState(null, "", location.pathname + search + location.hash);
    carryToOtherLanguages(search);
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    form.elements.words.value = params.get("words") || "";
    boxes.forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) !== -1;
    });
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  restore();
  apply();
})();
