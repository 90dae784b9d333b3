// mapper reading view: ties the article's place names to the map's markers.
// Markers are found through the JSON in #mapper-data: place key -> the global folium gave the marker.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("mapper-data").textContent);
  var map = window[data.map];
  var markers = {};

  function mentionsOf(key) {
    return document.querySelectorAll('.mention[data-place="' + CSS.escape(key) + '"]');
  }

  function setActive(key, active) {
    mentionsOf(key).forEach(function (el) { el.classList.toggle("is-active", active); });
  }

  Object.keys(data.places).forEach(function (key) {
    var place = data.places[key];
    var marker = window[place.layer];
    // popup and tooltip are HTML built and escaped by mapper/render/popups.py
    marker.bindPopup(place.popup, { minWidth: 240, maxWidth: 360, maxHeight: 320, className: "place-popup" });
    marker.bindTooltip(place.tooltip, { direction: "top", offset: [0, -6] });
    marker.on("popupopen", function () { setActive(key, true); });
    marker.on("popupclose", function () { setActive(key, false); });
    markers[key] = marker;
  });

  function showPlace(key) {
    var marker = markers[key];
    if (!marker) return;
    map.once("moveend", function () { marker.openPopup(); });
    map.panTo(marker.getLatLng());
  }

  function flash(id) {
    var paragraph = document.getElementById(id);
    if (!paragraph) return;
    paragraph.classList.remove("flash");
    void paragraph.offsetWidth; // restart the animation when the same paragraph is picked again
    paragraph.classList.add("flash");
  }

  // Capture phase: runs before Leaflet's handlers inside popups can stop the event.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-place], a[data-paragraph]");
    if (!link) return;
    if (link.dataset.place) showPlace(link.dataset.place);
    else flash(link.dataset.paragraph);
  }, true);

  var deepLink = /^#place=(.+)$/.exec(window.location.hash);
  if (deepLink) showPlace(decodeURIComponent(deepLink[1]));
})();
