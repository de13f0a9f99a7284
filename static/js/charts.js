// Draws every chart of the page from the figure the server serialised beside its container.
(function () {
  "use strict";
  var config = { responsive: true, displayModeBar: false, displaylogo: false, scrollZoom: false };

  function draw(container) {
    var source = document.getElementById(container.dataset.chart);
    if (!source || !window.Plotly) return;
    var figure = JSON.parse(source.textContent);
    window.Plotly.newPlot(container, figure.data, figure.layout, config).then(function () {
      container.classList.add("chart-drawn");
    });
    // A bar of the achievement chart opens its indicator's page.
    container.on("plotly_click", function (event) {
      var data = event.points[0] && event.points[0].customdata;
      if (Array.isArray(data) && typeof data[3] === "string" && data[3].charAt(0) === "/") {
        window.location.href = data[3];
      }
    });
  }

  document.querySelectorAll("[data-chart]").forEach(draw);
})();
