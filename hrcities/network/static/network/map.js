/* The network map: every city with coordinates; the page lists the same cities below. */
hrcitiesOfflineMap("network-map", {
  label: function (p) { return p.name + ", " + p.country; },
  markerClass: function (p) { return "city-marker" + (p.year_declared ? " is-declared" : ""); },
  lines: function (p, data) {
    var lines = [p.country];
    if (p.year_declared) {
      lines.push(data.firstLabel + " " + p.year_declared);
    }
    return lines;
  },
  maxZoom: 5
});
