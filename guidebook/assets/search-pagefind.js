/* PREPARE guidebook: the search worker of a large catalogue. guidebook/html/pagefind_index.py writes it in place
   of Material's search worker when the site searches with Pagefind. It speaks Material's worker protocol
   (tests/test_material_glue.py checks it against the installed Material): SETUP (0) with the language's
   search_index.json, answered by READY (1); QUERY (2) with the words typed, answered by RESULT (3) with
   {items: [[page, ...its sections], ...]}, each {location, title, text, tags, score, terms}, locations relative to
   the language's root. Pagefind fetches only the index chunks the words need and the pages shown: the best
   FIRST results at once, then up to MOST. */
var FIRST = 10;
var MOST = 20; // each page shown costs its fragment (2-3 KB): Material's count line then says at most 20
var SECTIONS_SHOWN = 2; // beyond them, Material folds a page's sections under "N more on this page"
var pagefind = null;
var labels = null;
var latest = 0; // the newest query: an older one's late answer is dropped
var root = ""; // the language's root, to which Material resolves locations; Pagefind gives full or absolute URLs

function relative(url) {
  var full = new URL(url, root).href;
  return full.indexOf(root) === 0 ? full.slice(root.length) : full;
}

function label(location) {
  if (location in labels.pages) return labels.pages[location];
  var rest = labels.sheets && location.indexOf(labels.sheets) === 0 ? location.slice(labels.sheets.length) : "";
  return /^[^/]+\/$/.test(rest) ? labels.sheet : labels.page;
}

function group(data, score, terms) {
  var location = relative(data.url);
  var page = { location: location, title: data.meta.title || "", text: data.excerpt, tags: [label(location)], score: score, terms: terms };
  var sections = data.sub_results
    .filter(function (section) { return section.url.indexOf("#") !== -1; })
    .map(function (section, rank) {
      var shown = rank < SECTIONS_SHOWN ? score : score / 2;
      return { location: relative(section.url), title: section.title, text: section.excerpt, score: shown, terms: terms };
    });
  return [page].concat(sections);
}

function answer(results, from, to, terms) {
  return Promise.all(results.slice(from, to).map(function (result) {
    return result.data().then(function (data) { return group(data, result.score, terms); });
  }));
}

function search(query, asked) {
  var words = query.replace(/[+\-*~^:"]/g, " ").trim();
  if (!words) return postMessage({ type: 3, data: { items: [] } });
  var terms = {};
  words.split(/\s+/).forEach(function (word) { terms[word.toLowerCase()] = true; });
  var results = [];
  var first = [];
  pagefind.search(words).then(function (found) {
    results = found.results;
    return answer(results, 0, FIRST, terms);
  }).then(function (best) {
    first = best;
    if (asked === latest) postMessage({ type: 3, data: { items: first } });
    return asked === latest && results.length > FIRST ? answer(results, FIRST, MOST, terms) : null;
  }).then(function (more) {
    if (more && asked === latest) postMessage({ type: 3, data: { items: first.concat(more) } });
  }).catch(function (error) { // as Material's worker does with a query it cannot read: no result, a warning
    console.warn("Search failed for " + JSON.stringify(query), error);
    if (asked === latest) postMessage({ type: 3, data: { items: [] } });
  });
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === 0) {
    var config = message.data.config;
    labels = config.labels;
    var bundle = new URL(config.pagefind, self.location).href;
    root = new URL("../", bundle).href;
    import(bundle).then(function (module) {
      pagefind = module;
      return pagefind.init();
    }).then(function () {
      postMessage({ type: 1 });
    }).catch(function (error) { // Material then keeps its "Initializing search" line: say why in the console
      console.error("The search index could not be loaded from " + bundle, error);
    });
  } else if (message.type === 2) {
    latest += 1;
    search(message.data, latest);
  }
});
