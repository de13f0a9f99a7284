// The header's worklist count: fetched after the page has loaded, so that no page waits for it.
document.addEventListener("DOMContentLoaded", () => {
  const badge = document.querySelector(".worklist-count[data-count-url]");
  if (!badge || badge.textContent.trim() !== "") {
    return;
  }
  fetch(badge.dataset.countUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : null))
    .then((data) => {
      if (data && data.count > 0) {
        badge.textContent = String(data.count);
      }
    })
    .catch(() => {});
});
