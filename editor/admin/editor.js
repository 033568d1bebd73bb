/* What the guidebook adds to Decap CMS, loaded after it by the admin page (guidebook/cms/config.py).
   The words come from guidebook/cms/fields.yml, written into the page as JSON (#guidebook-words). */
(function () {
  "use strict";
  var CMS = window.CMS;
  var words = JSON.parse(document.getElementById("guidebook-words").textContent);

  // Decap's French lacks some of its own strings ("Fill in from another locale"...): supplied here, over its own.
  function merged(base, extra) {
    var out = Object.assign({}, base);
    Object.keys(extra).forEach(function (key) {
      var value = extra[key];
      out[key] = value && typeof value === "object" ? merged(base[key] || {}, value) : value;
    });
    return out;
  }
  // On the editor's own server outside a Git repository a save writes the project's files and publishes
  // nothing: its buttons say so. With review on Git (the server marks the page), "Publish" publishes.
  var filesOnly = document.documentElement.getAttribute("data-publish-mode") === "simple";
  var phrases = merged(words.phrases, filesOnly ? words.local_phrases : {});
  CMS.registerLocale(words.locale, merged(CMS.getLocale(words.locale) || {}, phrases));

  // Decap's relation widget sends back the value it was given once it has loaded its options, to record
  // their data. In the translation's column Decap compares the page to the wrong data, so that marks an
  // untouched page "Unsaved changes" (also right after a save). The widget is kept, without that echo.
  var relation = CMS.getWidget("relation");
  class QuietRelation extends relation.control {
    triggerInitialOnChange() {}
  }
  CMS.registerWidget("relation", QuietRelation, relation.preview, relation.schema);

  // No images through the editor (the README says why): a media library that offers none, so Decap shows
  // no Media button; the text field offers no image either (editor_components: [] in the configuration).
  CMS.registerMediaLibrary({
    name: "none",
    init: function () {
      return {
        show: function () {},
        hide: function () {},
        onClearControl: function () {},
        onRemoveControl: function () {},
        enableStandalone: function () { return false; },
      };
    },
  });
})();
