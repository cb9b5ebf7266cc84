/* The archive map: places with records the reader may see; the page lists them below. */
hrcitiesOfflineMap("archive-map", {
  label: function (p) { return p.name; },
  markerClass: function () { return "city-marker"; },
  lines: function (p, data) {
    return [data.itemsLabel + ": " + p.items + " · " + data.eventsLabel + ": " + p.events];
  },
  maxZoom: 6
});
