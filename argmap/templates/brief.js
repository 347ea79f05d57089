// Conveniences only: with scripts off every word of the brief is still there.
(function () {
  "use strict";
  var filters = document.querySelector(".filters");
  var select = document.getElementById("filter-actor");
  if (!filters || !select || select.options.length < 2) { return; }
  filters.hidden = false;
  select.addEventListener("change", function () {
    var actor = select.value;
    var items = document.querySelectorAll("li.arg");
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var mine = !actor || (" " + item.getAttribute("data-actors") + " ").indexOf(" " + actor + " ") >= 0;
      var inside = item.querySelector("li.arg[data-actors~='" + actor.replace(/[^a-z0-9_-]/g, "") + "']");
      item.hidden = !(mine || inside);
    }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#arg-'], a[href^='#pos-']") : null;
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    var details = target.closest ? target.closest("details") : null;
    while (details) { details.open = true; details = details.parentElement ? details.parentElement.closest("details") : null; }
  });
}());
