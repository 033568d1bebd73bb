/* The preview pane: the page as readers will see it, in each site language, from the unsaved form.
   The editor's server renders it with the site's own engine (guidebook/cms/preview.py); the page is shown in a
   sandboxed frame (no script, an origin of its own). The words come from guidebook/cms/fields.yml (preview:). */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var all = JSON.parse(document.getElementById("guidebook-words").textContent);
  var words = all.preview;
  var BOTH = "both";
  var PAUSE = 250; // ms after the last change of the form before the page is rendered again

  function localeData(entry, code) {
    var data = code === all.locale ? entry.get("data") : entry.getIn(["i18n", code, "data"]);
    return data && data.toJS ? data.toJS() : null;
  }

  function ask(entry, language) {
    var body = { path: entry.get("path"), language: language, interface: all.locale, data: localeData(entry, language) };
    if (!body.path) return Promise.resolve({ waiting: words.new_page });
    if (!body.data) return Promise.resolve({ waiting: "" });
    return fetch("/preview/render", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    })
      .then(function (answer) { return answer.json(); })
      .catch(function () { return { waiting: words.unreachable }; });
  }

  var PagePreview = window.createClass({
    getInitialState: function () { return { shown: all.locale, answers: {}, updating: true }; },
    componentDidMount: function () { this.asked = 0; this.schedule(); },
    componentDidUpdate: function (previous) { if (previous.entry !== this.props.entry) this.schedule(); },
    componentWillUnmount: function () { clearTimeout(this.timer); this.gone = true; },
    schedule: function () {
      clearTimeout(this.timer);
      this.timer = setTimeout(this.refresh, PAUSE);
    },
    refresh: function () {
      var self = this;
      var number = ++this.asked;
      var entry = this.props.entry;
      this.setState({ updating: true });
      Promise.all(words.languages.map(function (language) { return ask(entry, language.code); })).then(function (answers) {
        if (self.gone || number !== self.asked) return; // a newer form is being rendered
        var byCode = {};
        words.languages.forEach(function (language, index) { byCode[language.code] = answers[index]; });
        self.setState({ answers: byCode, updating: false });
        // The renderer is still reading the site: ask again shortly.
        if (answers.some(function (answer) { return answer.starting; })) self.timer = setTimeout(self.refresh, 1000);
      });
    },
    choice: function (code, label) {
      var self = this;
      return h("button", {
        key: code, type: "button", "aria-pressed": String(this.state.shown === code), className: "gb-preview-choice",
        onClick: function () { self.setState({ shown: code }); },
      }, label);
    },
    page: function (language) {
      var answer = this.state.answers[language.code];
      var content;
      if (!answer) {
        content = h("p", { className: "gb-preview-note" }, words.updating);
      } else if (answer.url) {
        content = h("iframe", {
          src: answer.url, sandbox: "", className: "gb-preview-frame",
          title: words.frame_title.replace("{language}", language["in"]),
        });
      } else if (answer.problems) {
        content = h("div", { role: "alert", className: "gb-preview-refused" }, h("p", {}, words.refused), h("pre", {}, answer.problems));
      } else {
        content = h("p", { className: "gb-preview-note", role: "status" }, answer.waiting || answer.error || "");
      }
      return h("section", { key: language.code, lang: language.code, className: "gb-preview-page", "data-language": language.code }, content);
    },
    render: function () {
      var self = this;
      var shown = words.languages.filter(function (language) { return self.state.shown === BOTH || self.state.shown === language.code; });
      var choices = words.languages.map(function (language) { return self.choice(language.code, language.name); });
      choices.push(this.choice(BOTH, words.side_by_side));
      return h("div", { className: "gb-preview", lang: all.locale },
        h("style", {}, STYLE),
        h("div", { role: "group", "aria-label": words.choose, className: "gb-preview-choices" }, choices,
          h("span", { className: "gb-preview-status", role: "status" }, this.state.updating ? words.updating : "")),
        h("div", { className: "gb-preview-pages" + (shown.length > 1 ? " gb-preview-both" : "") }, shown.map(this.page)));
    },
  });

  // Inside Decap's preview frame, which inherits the admin page's policy (inline styles allowed for Decap's own).
  var STYLE = [
    "body{margin:0}",
    ".gb-preview{font:14px system-ui,sans-serif;display:flex;flex-direction:column;height:100vh}",
    // Room on the right for the buttons Decap lays over the pane.
    ".gb-preview-choices{display:flex;gap:6px;align-items:center;padding:8px 64px 8px 8px;border-bottom:1px solid #ccd}",
    ".gb-preview-choice{padding:4px 10px;border:1px solid #889;border-radius:4px;background:#fff;cursor:pointer}",
    ".gb-preview-choice[aria-pressed=true]{background:#223;color:#fff}",
    ".gb-preview-status{margin-left:auto;color:#556}",
    ".gb-preview-pages{flex:1;display:flex;min-height:0}",
    ".gb-preview-page{flex:1;display:flex;flex-direction:column;min-width:0}",
    ".gb-preview-both .gb-preview-page+.gb-preview-page{border-left:2px solid #ccd}",
    ".gb-preview-frame{flex:1;width:100%;border:0}",
    ".gb-preview-note,.gb-preview-refused{padding:12px 64px 12px 12px}",
    ".gb-preview-refused{color:#8a1111}",
    ".gb-preview-refused pre{white-space:pre-wrap;font-size:13px}",
  ].join("");

  words.collections.forEach(function (name) { CMS.registerPreviewTemplate(name, PagePreview); });
})();
