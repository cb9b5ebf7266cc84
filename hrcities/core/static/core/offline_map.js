/* The base layers every offline map shares, drawn by `hrcitiesBaseLayers(map, element,
 * obstacles)` from the element's data- attributes: the country shapes (countriesUrl) and,
 * from DETAIL_ZOOM on, the city-zoom layer (detailUrl). `obstacles()` returns the points
 * (markers) that town names must leave free. Returns a promise of the country shapes. */
window.hrcitiesGetJSON = function (url) {
  "use strict";
  return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) {
        throw new Error(url + ": " + response.status);
      }
      return response.json();
    });
};

window.hrcitiesBaseLayers = function (map, element, obstacles) {
  "use strict";

  var data = element.dataset;
  var getJSON = window.hrcitiesGetJSON;

  // The base layers have panes of their own, under the marker legs (overlayPane, 400)
  // and the markers (600): countries, then the city-zoom detail, then the town names.
  function pane(name, zIndex) {
    map.createPane(name).style.zIndex = zIndex;
    return L.svg({ pane: name });
  }
  var baseRenderer = pane("base", 250);
  var detailRenderer = pane("detail", 300);
  map.createPane("towns").style.zIndex = 350;
  map.getPane("towns").setAttribute("aria-hidden", "true");

  var countries = data.countriesUrl
    ? getJSON(data.countriesUrl).then(function (geojson) {
        L.geoJSON(geojson, {
          renderer: baseRenderer,
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

  // The city-zoom layer, fetched the first time the map is zoomed in far enough. Each
  // city's area is painted as water first, so that the coarse country shapes give way to
  // the sharper land, lakes and coast inside it; rivers go on top.
  var DETAIL_ZOOM = 9;
  var detail = L.layerGroup();
  var towns = [];
  var townLabels = L.layerGroup().addTo(map);
  var detailLoad = null;
  var STYLES = {
    area: { stroke: false, fillColor: "#dbe9f4", fillOpacity: 1 },
    land: { stroke: false, fillColor: "#f7f3e8", fillOpacity: 1 },
    lake: { color: "#6b9bc3", weight: 0.7, fillColor: "#dbe9f4", fillOpacity: 1 },
    coast: { color: "#6b7785", weight: 1, fill: false },
    river: { color: "#3b7fc4", weight: 1.6, fill: false, lineCap: "round" }
  };

  function loadDetail() {
    if (!detailLoad) {
      detailLoad = getJSON(data.detailUrl).then(function (collection) {
        L.geoJSON(collection, {
          renderer: detailRenderer,
          interactive: false,
          filter: function (feature) {
            if (feature.properties.layer === "town") {
              towns.push(feature);
              return false;
            }
            return true;
          },
          style: function (feature) {
            var layer = feature.properties.layer;
            return L.extend({ className: "map-" + layer }, STYLES[layer]);
          }
        }).addTo(detail);
      });
    }
    return detailLoad;
  }

  function showDetail() {
    if (map.getZoom() < DETAIL_ZOOM) {
      map.removeLayer(detail);
      townLabels.clearLayers();
      return;
    }
    loadDetail().then(function () {
      if (map.getZoom() >= DETAIL_ZOOM) {
        detail.addTo(map);
        labelTowns();
      }
    }).catch(function () { /* the coarse base layer stays */ });
  }

  // Town names, most populous first: a dot on the town and its name beside it (right,
  // left, above or below, whichever is free), each only where it overlaps neither a name or
  // dot already placed, nor a marker, nor a control, and only inside the map.
  var measure = document.createElement("canvas").getContext("2d");
  var korean = (document.documentElement.lang || "").indexOf("ko") === 0;
  var PLACES = ["right", "left", "above", "below"];

  function overlapsAny(box, boxes) {
    return boxes.some(function (other) {
      return box[0] < other[2] && other[0] < box[2] && box[1] < other[3] && other[1] < box[3];
    });
  }

  function labelTowns() {
    townLabels.clearLayers();
    var size = map.getSize();
    var taken = obstacles().map(function (latlng) {
      var point = map.latLngToContainerPoint(latlng);
      return [point.x - 10, point.y - 10, point.x + 10, point.y + 10];
    });
    var corner = element.getBoundingClientRect();
    Array.prototype.forEach.call(element.querySelectorAll(".leaflet-control"), function (control) {
      var box = control.getBoundingClientRect();
      taken.push([box.left - corner.left, box.top - corner.top,
        box.right - corner.left, box.bottom - corner.top]);
    });
    measure.font = "12px sans-serif";
    towns.forEach(function (feature) {
      var p = feature.properties;
      var name = (korean && p.name_ko) || p.name;
      var coordinates = feature.geometry.coordinates;
      var latlng = L.latLng(coordinates[1], coordinates[0]);
      var point = map.latLngToContainerPoint(latlng);
      var width = measure.measureText(name).width + 4;
      var dot = [point.x - 3, point.y - 3, point.x + 3, point.y + 3];
      if (overlapsAny(dot, taken)) {
        return;
      }
      var boxes = {
        right: [point.x + 5, point.y - 8, point.x + 5 + width, point.y + 8],
        left: [point.x - 5 - width, point.y - 8, point.x - 5, point.y + 8],
        above: [point.x - width / 2, point.y - 22, point.x + width / 2, point.y - 5],
        below: [point.x - width / 2, point.y + 5, point.x + width / 2, point.y + 22]
      };
      var side = PLACES.filter(function (place) {
        var box = boxes[place];
        return box[0] >= 0 && box[1] >= 0 && box[2] <= size.x && box[3] <= size.y &&
          !overlapsAny(box, taken);
      })[0];
      if (!side) {
        return;
      }
      taken.push(dot, boxes[side]);
      var label = document.createElement("span");
      label.className = "map-town-" + side;
      label.textContent = name;
      L.marker(latlng, {
        pane: "towns",
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: "map-town", html: label, iconSize: [6, 6] })
      }).addTo(townLabels);
    });
  }

  if (data.detailUrl && !data.tileUrl) {
    map.on("zoomend moveend", showDetail);
    showDetail();
  }
  return countries;
};

/* An offline map: the base layers below (a tile server only if one is set), one
 * keyboard-reachable marker per GeoJSON point (markers that would overlap are spread round
 * their place), and a popup whose link takes the focus. Pages pass their data through data-
 * attributes (the CSP forbids inline scripts) and say how a feature reads:
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
    maxZoom: data.tileUrl ? 18 : (data.detailUrl ? 12 : 8),
    attributionControl: true
  }).setView([20, 10], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(data.attribution || "");

  if (data.tileUrl) {
    L.tileLayer(data.tileUrl, { maxZoom: 18 }).addTo(map);
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

  var countries = window.hrcitiesBaseLayers(map, element, function () {
    return markers.map(function (marker) { return marker.getLatLng(); });
  });

  countries
    .catch(function () { /* the markers still show without the base layer */ })
    .then(function () { return window.hrcitiesGetJSON(data.geojsonUrl); })
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
