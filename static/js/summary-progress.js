// The summary PDF's progress page: looks again every few seconds and updates the status in place,
// then opens the PDF once it is built (or the page that says the build failed). Without script, the
// "Periksa sekarang" link does the same by hand.
(function () {
  "use strict";
  var box = document.querySelector("[data-refresh]");
  if (!box) return;
  var delay = (parseInt(box.getAttribute("data-refresh"), 10) || 10) * 1000;

  function look() {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) {
        var kind = response.headers.get("Content-Type") || "";
        if (kind.indexOf("text/html") !== 0) return null;
        return response.text();
      })
      .then(function (html) {
        var fresh = html && new DOMParser().parseFromString(html, "text/html").querySelector("[data-refresh]");
        if (!fresh) {
          window.location.reload();
          return;
        }
        box.innerHTML = fresh.innerHTML;
        window.setTimeout(look, delay);
      })
      .catch(function () {
        window.setTimeout(look, delay);
      });
  }

  window.setTimeout(look, delay);
})();
