/* The archive map: places with shared records on the offline Natural Earth layer. Data
 * comes from data- attributes on #archive-map (the CSP forbids inline scripts); without
 * JavaScript the page still lists every place below the map. Adapted from network/map.js. */
(function () {
  "use strict";

  var element = document.getElementById("archive-map");
  if (!element || typeof L === "undefined") {
    return;
  }
  var data = element.dataset;

  var map = L.map(element, {
    keyboard: true,
    worldCopyJump: true,
    minZoom: 1,
    maxZoom: data.tileUrl ? 18 : 8,
    attributionControl: true
  }).setView([20, 10], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(data.attribution || "");

  if (data.tileUrl) {
    L.tileLayer(data.tileUrl, { maxZoom: 18 }).addTo(map);
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(url + ": " + response.status);
        }
        return response.json();
      });
  }

  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span;
  }

  var countries = data.countriesUrl
    ? getJSON(data.countriesUrl).then(function (geojson) {
        L.geoJSON(geojson, {
          interactive: false,
          style: {
            className: "country-shape",
            color: "#6b7785",
            weight: 0.7,
            fillColor: "#f7f3e8",
            fillOpacity: data.tileUrl ? 0.2 : 1
          }
        }).addTo(map);
      })
    : Promise.resolve();

  countries
    .catch(function () { /* the places still show without the base layer */ })
    .then(function () { return getJSON(data.geojsonUrl); })
    .then(function (collection) {
      var markers = [];
      collection.features.forEach(function (feature) {
        var p = feature.properties;
        var coordinates = feature.geometry.coordinates;
        // A DivIcon marker: Leaflet puts markers in the Tab order and opens the popup
        // with Enter.
        var marker = L.marker([coordinates[1], coordinates[0]], {
          icon: L.divIcon({ className: "city-marker", iconSize: [14, 14] }),
          keyboard: true,
          title: p.name,
          alt: p.name,
          riseOnHover: true
        });
        var popup = document.createElement("div");
        var heading = document.createElement("strong");
        heading.appendChild(text(p.name));
        popup.appendChild(heading);
        popup.appendChild(document.createElement("br"));
        popup.appendChild(text(data.itemsLabel + ": " + p.items + " · " + data.eventsLabel + ": " + p.events));
        popup.appendChild(document.createElement("br"));
        var link = document.createElement("a");
        link.href = p.url;
        link.textContent = data.openLabel + ": " + p.name;
        popup.appendChild(link);
        marker.bindPopup(popup);
        marker.addTo(map);
        markers.push(marker);
      });
      if (markers.length) {
        map.fitBounds(L.featureGroup(markers).getBounds().pad(0.2), { maxZoom: 6 });
      }
    })
    .catch(function () {
      element.setAttribute("data-error", "true");
    });

  // Take keyboard users into the popup so that its link is reachable, and back to the
  // marker when the popup closes.
  map.on("popupopen", function (event) {
    var link = event.popup.getElement().querySelector("a[href]:not(.leaflet-popup-close-button)");
    if (link) {
      link.focus();
    }
  });
  map.on("popupclose", function (event) {
    var source = event.popup._source;
    if (source && source.getElement && document.activeElement === document.body) {
      source.getElement().focus();
    }
  });
})();
