/* PREPARE guidebook: guidebook/html/search_index.py appends this to Material's search worker at build time.
   1. Accents are folded at index and query time, in every language: "Malaga" finds "Málaga" and
      "reinsertion" finds "réinsertion". The folding step goes into the index's pipeline before its stemmer
      (after its stop-word filter, whose lists are accented), and into the query's.
   2. Material adds "*" to every word typed, and lunr runs no pipeline on a word with a wildcard, so a stemmed
      index ("réinsert") never matched what readers type ("réinsertion*"). Each such word is folded and
      replaced by its stem with the same wildcard when the stem begins the word (it then finds all the word
      did), or else given its stem beside it; Material then finds every word typed among the matches, and
      prints no "Missing" line under each result. */
(function (lunr) {
  if (!lunr || lunr.Builder.prototype.foldsAccents) return;
  var stemmer = null; // the index's own, found in its pipeline: one index per worker

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  var foldToken = function (token) {
    return token.update(fold);
  };
  lunr.Pipeline.registerFunction(foldToken, "foldAccents");

  function insertBeforeStemmer(pipeline) {
    var stack = pipeline._stack;
    if (stack.indexOf(foldToken) !== -1) return;
    var at = stack.findIndex(function (fn) { return /^stemmer/.test(fn.label || ""); });
    if (at === -1) {
      stack.push(foldToken);
    } else {
      stemmer = stack[at];
      stack.splice(at, 0, foldToken);
    }
  }

  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.foldsAccents = true;
  lunr.Builder.prototype.add = function () {
    insertBeforeStemmer(this.pipeline);
    insertBeforeStemmer(this.searchPipeline);
    return add.apply(this, arguments);
  };

  var clause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (added) {
    var word = /^([^*]+)\*$/.exec(added.term || "");
    if (!word || added.usePipeline) return clause.call(this, added);
    var folded = fold(word[1]);
    var stem = stemmer ? stemmer(new lunr.Token(folded)).toString() : folded;
    if (stem && stem !== folded && folded.indexOf(stem) !== 0) clause.call(this, Object.assign({}, added, { term: folded + "*" }));
    return clause.call(this, Object.assign({}, added, { term: (stem || folded) + "*" }));
  };
})(self.lunr);
