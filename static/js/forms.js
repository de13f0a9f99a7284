// After a refused save: each message is tied to its field, and focus moves to the first one.
(function () {
  "use strict";
  var FIELDS = "input:not([type=hidden]):not([type=checkbox]), select, textarea";

  function fieldOf(error) {
    var box = error.closest(".field");
    return box ? box.querySelector(FIELDS) : null;
  }

  function bringIntoView(element) {
    element.focus({ preventScroll: true });
    // Centred, so that neither the header nor the sticky buttons of the form hide it.
    element.scrollIntoView({ block: "center" });
  }

  var first = null;
  document.querySelectorAll(".field-error").forEach(function (error, index) {
    var field = fieldOf(error);
    if (!field) return;
    if (!error.id) error.id = "galat-" + (index + 1);
    field.setAttribute("aria-invalid", "true");
    var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (described.indexOf(error.id) === -1) described.push(error.id);
    field.setAttribute("aria-describedby", described.join(" "));
    if (!first) first = field;
  });

  // The summary's links move focus to their field, not only the scroll position.
  document.querySelectorAll("[data-error-summary] a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      bringIntoView(target);
    });
  });

  var alone = document.querySelector("[data-error-summary], .form-error[role=alert]");
  if (first) {
    bringIntoView(first);
  } else if (alone) {
    alone.setAttribute("tabindex", "-1");
    bringIntoView(alone);
  }
})();
