// The admin's tabular inlines (the targets of an indicator) show their labels only as column
// headings: each field is named by its column's heading, so that a screen reader announces it.
(function () {
  "use strict";
  document.querySelectorAll(".inline-group .tabular table").forEach(function (table, t) {
    table.querySelectorAll("thead th[class*='column-']").forEach(function (heading) {
      var column = Array.prototype.find.call(heading.classList, function (name) {
        return name.indexOf("column-") === 0;
      });
      if (!heading.id) heading.id = "inline-" + t + "-" + column;
      table.querySelectorAll("td.field-" + column.slice(7)).forEach(function (cell) {
        cell.querySelectorAll("input, select, textarea").forEach(function (field) {
          if (field.type !== "hidden" && !field.labels.length && !field.hasAttribute("aria-labelledby")) {
            field.setAttribute("aria-labelledby", heading.id);
          }
        });
      });
    });
  });
})();
