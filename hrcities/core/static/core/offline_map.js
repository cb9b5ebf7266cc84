/* An offline map: Natural Earth country shapes as the base layer (a tile server only if
 * one is set), one keyboard-reachable marker per GeoJSON point (markers that would
 * overlap are spread round their place), and a popup whose link takes the focus. Pages pass their data through data- attributes (the CSP forbids
 * inline scripts) and say how a feature reads:
 *
 *   hrcitiesOfflineMap("network-map", {
 *     label: function (p) { return p.name; },            // marker title, popup heading
 *     markerClass: function (p) { return "city-marker"; },
 *     lines: function (p, data) { return [p.country]; },  // popup lines under the heading
 *     maxZoom: 5                                           // when fitting the markers
 *   });
 */
window.hrcitiesOfflineMap = function (elementId, options) {
  "use strict";

  var element = document.getElementById(elementId);
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

  function popupFor(p) {
    var popup = document.createElement("div");
    var heading = document.createElement("strong");
    heading.appendChild(text(p.name));
    popup.appendChild(heading);
    options.lines(p, data).forEach(function (line) {
      popup.appendChild(document.createElement("br"));
      popup.appendChild(text(line));
    });
    popup.appendChild(document.createElement("br"));
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = data.openLabel + ": " + p.name;
    popup.appendChild(link);
    return popup;
  }

  // Countries first, so that the markers are drawn above them.
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
    .catch(function () { /* the markers still show without the base layer */ })
    .then(function () { return getJSON(data.geojsonUrl); })
    .then(function (collection) {
      collection.features.forEach(function (feature) {
        var p = feature.properties;
        var coordinates = feature.geometry.coordinates;
        var label = options.label(p);
        // A DivIcon marker (drawn as a circle) rather than an SVG circleMarker: Leaflet
        // puts markers in the Tab order and opens their popup with Enter.
        var marker = L.marker([coordinates[1], coordinates[0]], {
          icon: L.divIcon({ className: options.markerClass(p), iconSize: [14, 14] }),
          keyboard: true,
          title: label,
          alt: label,
          riseOnHover: true
        });
        marker.bindPopup(popupFor(p));
        marker.addTo(map);
        markers.push(marker);
        homes.push(marker.getLatLng());
      });
      if (markers.length) {
        map.fitBounds(L.featureGroup(markers).getBounds().pad(0.2), { maxZoom: options.maxZoom });
      }
      spread();
    })
    .catch(function () {
      element.setAttribute("data-error", "true");
    });

  // Markers closer than a marker's width at this zoom would hide one another (three
  // sites in one city, seen from afar): they are pushed apart, a little at a time, until
  // none overlaps another, and a thin line joins each moved marker to where its place
  // really is, so that each can be seen, clicked and reached by Tab. Recomputed at every
  // zoom; at a zoom where nothing overlaps every marker stands on its place.
  var SPREAD = 16; // pixels between marker centres
  var GOLDEN_ANGLE = 2.39996;
  var markers = [];
  var homes = [];
  var legs = L.layerGroup().addTo(map);

  function spread() {
    legs.clearLayers();
    var places = homes.map(function (home) { return map.latLngToLayerPoint(home); });
    var shown = places.map(function (point) { return point.clone(); });
    for (var round = 0; round < 100; round++) {
      var moved = false;
      for (var i = 0; i < shown.length; i++) {
        for (var j = i + 1; j < shown.length; j++) {
          var apart = shown[j].subtract(shown[i]);
          var distance = Math.sqrt(apart.x * apart.x + apart.y * apart.y);
          if (distance >= SPREAD) {
            continue;
          }
          if (distance < 0.01) {
            // The same point: part them in a direction of their own.
            var angle = (i + j) * GOLDEN_ANGLE;
            apart = L.point(Math.cos(angle), Math.sin(angle));
            distance = 1;
          }
          var push = apart.multiplyBy((SPREAD - distance) / 2 / distance + 0.02);
          shown[i] = shown[i].subtract(push);
          shown[j] = shown[j].add(push);
          moved = true;
        }
      }
      if (!moved) {
        break;
      }
    }
    markers.forEach(function (marker, index) {
      if (shown[index].distanceTo(places[index]) < 1) {
        marker.setLatLng(homes[index]);
        return;
      }
      var latlng = map.layerPointToLatLng(shown[index]);
      marker.setLatLng(latlng);
      L.polyline([homes[index], latlng], {
        interactive: false,
        className: "marker-leg",
        color: "#4a525c",
        weight: 1
      }).addTo(legs);
    });
  }
  map.on("zoomend", spread);

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
};
