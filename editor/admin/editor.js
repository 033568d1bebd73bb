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
  // untouched page "Unsaved changes" (also right after a save). The widget is kept, without that echo; it
  // shows its loaded options all the same (its own update check waits for that echo: after a save on review,
  // which mounts the form anew, the selects stayed empty).
  var relation = CMS.getWidget("relation");
  class QuietRelation extends relation.control {
    triggerInitialOnChange() {
      this.forceUpdate();
    }
  }
  CMS.registerWidget("relation", QuietRelation, relation.preview, relation.schema);

  // A save the check refuses: the editor's server answers 422 with each problem's file language, field and
  // message (guidebook/cms/messages.py on_fields). Each is shown on its field, in the form, where Decap shows
  // its own field errors; Decap's pop-up then only says where to look, with what no field could show.
  var serverFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var request = apiAction(input, init);
    if (request === "persistEntry") {
      clearRefusals();
    }
    var answered = serverFetch(input, init);
    if (!request) {
      return answered;
    }
    return answered.then(function (response) {
      if (response.status !== 422) {
        return response;
      }
      return response.clone().json().then(function (answer) {
        var problems = answer.problems || [];
        var unplaced = problems.filter(function (problem) { return !showOnField(problem); });
        if (unplaced.length === problems.length) {
          return response;
        }
        var said = [words.refused_on_fields].concat(unplaced.map(function (problem) { return "• " + problem.text; }));
        return new Response(JSON.stringify({ error: said.join("\n") }), { status: 422, headers: { "Content-Type": "application/json" } });
      }, function () { return response; });
    });
  };

  function apiAction(input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || "";
    if (!init || init.method !== "POST" || url.indexOf(location.origin + "/api/") !== 0) {
      return null;
    }
    try {
      return JSON.parse(init.body).action || null;
    } catch (error) {
      return null;
    }
  }

  // The form's two columns: the interface's language on the left, the other on the right. A field in a list
  // (sources.2.url) is the list's item of that number in its column.
  function fieldOf(problem) {
    var parts = problem.field.split(".");
    var names = parts.filter(function (part) { return !/^\d+$/.test(part); });
    var numbers = parts.filter(function (part) { return /^\d+$/.test(part); });
    var middle = window.innerWidth / 2;
    var onLeft = problem.language === words.locale;
    var inColumn = Array.prototype.filter.call(
      document.querySelectorAll("[id^='" + CSS.escape(names[names.length - 1]) + "-field-']"),
      function (element) { return (element.getBoundingClientRect().left < middle) === onLeft; }
    );
    return inColumn[numbers.length ? Number(numbers[numbers.length - 1]) : 0] || null;
  }

  function showOnField(problem) {
    var input = problem.language ? fieldOf(problem) : null;
    if (!input) {
      return false;
    }
    var label = document.querySelector("label[for='" + CSS.escape(input.id) + "']");
    var anchor = label ? label.parentElement : input;  // above the bar holding the field's label
    var list = document.createElement("ul");
    list.className = "guidebook-refusal";
    var item = document.createElement("li");
    item.setAttribute("role", "alert");
    item.textContent = (label ? label.textContent.trim() + words.colon : "") + problem.message;  // as Decap's own: "Summary: ..."
    list.appendChild(item);
    anchor.parentNode.insertBefore(list, anchor);
    input.classList.add("guidebook-refused");
    input.setAttribute("aria-invalid", "true");
    input.addEventListener("input", function () { forget(list, input); }, { once: true });
    return true;
  }

  function forget(list, input) {
    list.remove();
    input.classList.remove("guidebook-refused");
    input.removeAttribute("aria-invalid");
  }

  function clearRefusals() {
    document.querySelectorAll(".guidebook-refusal").forEach(function (list) { list.remove(); });
    document.querySelectorAll(".guidebook-refused").forEach(function (input) { forget(document.createElement("ul"), input); });
  }

  // Decap's pop-up names an error from the server "API_ERROR: ...", words for developers: the message alone.
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        var element = node.nodeType === 1 ? node : node.parentElement;
        if (!element || !element.closest(".Toastify")) {
          return;
        }
        var texts = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (var text = texts.currentNode.nodeType === 3 ? texts.currentNode : texts.nextNode(); text; text = texts.nextNode()) {
          if (text.nodeValue.indexOf("API_ERROR: ") !== -1) {
            text.nodeValue = text.nodeValue.replace("API_ERROR: ", "");
          }
        }
      });
    });
  }).observe(document.body, { childList: true, subtree: true });

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
