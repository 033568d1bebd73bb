
/* PREPARE guidebook (guidebook/html/search_index.py appends this to lunr.LANGUAGE.min.js at build time).
   Material's search adds "*" to every word typed, and lunr does not stem a word that has a wildcard,
   so a stemmed index ("réinsert") never matched what readers type ("réinsertion*"). This adds, beside
   each such word, its stem with the same wildcard ("réinsert*"), so "réinsérer" also finds
   "réinsertion" and "radicalisés" finds "radicalisation". */
(function (language) {
  if (typeof lunr === "undefined" || !lunr[language] || lunr.Query.prototype.stemsTypeAhead) return;
  var clause = lunr.Query.prototype.clause;
  lunr.Query.prototype.stemsTypeAhead = true;
  lunr.Query.prototype.clause = function (added) {
    clause.call(this, added);
    var word = /^([^*]+)\*$/.exec(added.term || "");
    if (word && !added.usePipeline) {
      var stem = lunr[language].stemmer(new lunr.Token(word[1])).toString();
      if (stem && stem !== word[1]) clause.call(this, Object.assign({}, added, { term: stem + "*" }));
    }
    return this;
  };
})("LANGUAGE");
