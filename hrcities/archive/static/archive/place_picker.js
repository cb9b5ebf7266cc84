/* Picking a place's coordinates on the offline map: an enhancement of the place form.
 * The latitude and longitude fields are typed without JavaScript; here a click (or a tap)
 * on the map fills them in, and typing in them moves the marker. */
(function () {
  "use strict";

  var element = document.getElementById("place-picker");
  var latitude = document.getElementById("id_latitude");
  var longitude = document.getElementById("id_longitude");
  if (!element || !latitude || !longitude || typeof L === "undefined") {
    return;
  }
  var data = element.dataset;
  element.hidden = false;
  element.setAttribute("role", "region");
  element.setAttribute("aria-label", data.label);

  var map = L.map(element, { keyboard: true, worldCopyJump: true, minZoom: 1,
    maxZoom: data.tileUrl ? 18 : 12 }).setView([20, 10], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(data.attribution || "");
  if (data.tileUrl) {
    L.tileLayer(data.tileUrl, { maxZoom: 18 }).addTo(map);
  }
  var marker = null;
  // The shared base layers (core/offline_map.js): countries, and the towns and rivers
  // round the platform's cities once zoomed in to a city.
  window.hrcitiesBaseLayers(map, element, function () {
    return marker === null ? [] : [marker.getLatLng()];
  }).catch(function () { /* the fields still work without the base layer */ });

  function number(input) {
    var value = parseFloat(input.value.replace(",", "."));
    return isNaN(value) ? null : value;
  }
  function place(lat, lng, centre) {
    if (marker === null) {
      marker = L.marker([lat, lng], { keyboard: false,
        icon: L.divIcon({ className: "city-marker", iconSize: [14, 14] }) }).addTo(map);
    } else {
      marker.setLatLng([lat, lng]);
    }
    if (centre) {
      // City zoom, where the towns and rivers round the place show.
      map.setView([lat, lng], Math.max(map.getZoom(), 10));
    }
  }
  function fromFields() {
    var lat = number(latitude), lng = number(longitude);
    if (lat !== null && lng !== null && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
      place(lat, lng, true);
    }
  }
  map.on("click", function (event) {
    var point = event.latlng.wrap();
    latitude.value = point.lat.toFixed(5);
    longitude.value = point.lng.toFixed(5);
    place(point.lat, point.lng, false);
  });
  latitude.addEventListener("change", fromFields);
  longitude.addEventListener("change", fromFields);
  fromFields();
})();
