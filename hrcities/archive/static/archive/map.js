/* The archive's maps: places with records the reader may see (the archive's map page),
 * and a city's sites of memory (the city page). Each page lists its places below. */
(function () {
  "use strict";
  function lines(p, data) {
    var counts = [data.firstLabel + ": " + p.items];
    if (data.secondLabel) {
      counts.push(data.secondLabel + ": " + p.events);
    }
    return [counts.join(" · ")];
  }
  ["archive-map", "city-sites-map"].forEach(function (id) {
    hrcitiesOfflineMap(id, {
      label: function (p) { return p.name; },
      markerClass: function () { return "city-marker"; },
      lines: lines,
      // A city's sites are seen at city zoom, with the towns and rivers round them.
      maxZoom: id === "city-sites-map" ? 10 : 6
    });
  });
})();
