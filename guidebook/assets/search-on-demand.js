/* PREPARE guidebook, search-on-demand.js: guidebook/html/search_on_demand.py puts this function in Material's
   main script, around the call that fetches the language's search index. Material fetches the index, and sets up
   its search worker with it, as soon as a page loads; this waits until the reader uses the search: the search box
   focused or tapped, its keyboard shortcut, a shared search address (?q=, which opens it), or a page opened from a
   search result (?h=, whose words Material highlights). Material accepts a promise in place of the index's
   observable. */
(function (fetchIndex) {
  return new Promise(function (resolve, reject) {
    var toggle = document.querySelector("[data-md-toggle=search]");
    function load() {
      if (toggle && !toggle.checked && !new URLSearchParams(location.search).get("h")) return false;
      if (toggle) toggle.removeEventListener("change", load);
      fetchIndex().subscribe({ next: resolve, error: reject });
      return true;
    }
    if (!load()) toggle.addEventListener("change", load);
  });
})
