/* Where a programme travelled: the cities of its family; the page lists them below. */
hrcitiesOfflineMap("travels-map", {
  label: function (p) { return p.name; },
  markerClass: function () { return "city-marker"; },
  lines: function (p, data) {
    return [data.firstLabel + ": " + p.sessions + " · " + data.secondLabel + ": " + p.participants];
  },
  maxZoom: 6
});
