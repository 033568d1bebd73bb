// Workshop pack: the practice sheets a reader ticks in the catalogue, downloaded as one PDF. Their handouts
// are merged in the browser with pdf-lib (vendored, loaded on the first download), which keeps their pages but
// not their tags (structure tree, bookmarks): the pack is plainly not tagged, in its Subject and beside the button. Served, the handouts are
// fetched from the site; read from the offline bundle (file://), where fetch cannot read files, they come from
// a script the bundle carries (downloads/handouts.<language>.js, the PDFs in base64).
(function () {
  "use strict";
  var bar = document.getElementById("gb-packbar");
  if (!bar) return;
  var button = document.getElementById("gb-pack-download");
  var status = document.getElementById("gb-pack-status");
  var picks = Array.prototype.slice.call(document.querySelectorAll(".gb-pack-pick"));
  var text = bar.dataset;

  function selected() {
    return picks.filter(function (pick) { return pick.checked; });
  }

  function update() {
    var count = selected().length;
    button.disabled = count === 0;
    status.textContent = count === 0 ? text.none : count === 1 ? text.countOne : text.countOther.replace("{count}", count);
  }

  function load(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(script);
    });
  }

  function bytes(pick) {
    if (location.protocol === "file:") {
      var encoded = (window.guidebookHandouts || {})[pick.value];
      if (!encoded) return Promise.reject(new Error("not in the bundle: " + pick.value));
      return Promise.resolve(Uint8Array.from(atob(encoded), function (c) { return c.charCodeAt(0); }));
    }
    return fetch(pick.dataset.href).then(function (response) {
      if (!response.ok) throw new Error(pick.dataset.href + ": " + response.status);
      return response.arrayBuffer();
    });
  }

  function save(data) {
    var url = URL.createObjectURL(new Blob([data], { type: "application/pdf" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = text.file;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  async function download() {
    var chosen = selected();
    button.disabled = true;
    try {
      if (!window.PDFLib) await load(text.library);
      if (location.protocol === "file:" && !window.guidebookHandouts) await load(text.bundle);
      var pack = await window.PDFLib.PDFDocument.create();
      pack.setTitle(text.title, { showInWindowTitleBar: true });
      pack.setLanguage(document.documentElement.lang);
      // pdf-lib copies pages, not the handouts' structure tree: the pack says so rather than claim PDF/UA.
      pack.setSubject(text.untagged);
      for (var i = 0; i < chosen.length; i += 1) {
        status.textContent = text.progress.replace("{number}", i + 1).replace("{count}", chosen.length);
        var sheet = await window.PDFLib.PDFDocument.load(await bytes(chosen[i]));
        var pages = await pack.copyPages(sheet, sheet.getPageIndices());
        pages.forEach(function (page) { pack.addPage(page); });
      }
      save(await pack.save());
      status.textContent = text.done.replace("{count}", chosen.length);
    } catch (error) {
      status.textContent = text.failed;
      if (window.console) console.warn("workshop pack:", error);
    } finally {
      button.disabled = selected().length === 0;
    }
  }

  picks.forEach(function (pick) {
    pick.addEventListener("change", update);
  });
  button.addEventListener("click", download);
  update();
})();
