// errspec site: the filter (by text, status and retry behaviour, read from and written to the
// URL as ?q=, ?status= and ?retry=) and the copy buttons. Without JavaScript every row shows.
(function () {
  "use strict";
  var form = document.querySelector("form.filter");
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-text]"));
  var count = document.querySelector(".count");
  if (form) {
    form.hidden = false;
    var fields = ["q", "status", "retry"].map(function (name) { return form.elements[name]; })
      .filter(function (field) { return field; });
    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (field) { field.value = params.get(field.name) || ""; });
    var apply = function (write) {
      var wanted = {};
      fields.forEach(function (field) { wanted[field.name] = field.value.trim(); });
      var text = (wanted.q || "").toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var match = (!text || row.getAttribute("data-text").indexOf(text) !== -1)
          && (!wanted.status || row.getAttribute("data-status") === wanted.status)
          && (!wanted.retry || row.getAttribute("data-retry") === wanted.retry);
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      if (count) { count.textContent = shown + " of " + rows.length + " shown"; }
      if (write) {
        var query = new URLSearchParams();
        fields.forEach(function (field) { if (wanted[field.name]) { query.set(field.name, wanted[field.name]); } });
        var search = query.toString();
        window.history.replaceState(null, "", search ? "?" + search + window.location.hash : window.location.pathname + window.location.hash);
      }
    };
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    apply(false);
  }
  var buttons = document.querySelectorAll("button[data-copy]");
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var done = function (label) {
        button.textContent = label;
        window.setTimeout(function () { button.textContent = "Copy"; }, 1500);
      };
      if (!source || !navigator.clipboard) { done("Cannot copy"); return; }
      navigator.clipboard.writeText(source.textContent).then(function () { done("Copied"); }, function () { done("Cannot copy"); });
    });
  });
}());
