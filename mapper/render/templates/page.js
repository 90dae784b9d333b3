// mapper reading view: ties the article's place names to the map's numbered markers.
// Markers are found through the JSON in #mapper-data: place key -> the global folium gave the marker.
// The URL keeps the state a reader can share: #place=<key> (an open marker) or #p3 (a paragraph).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("mapper-data").textContent);
  var map = window[data.map];
  var section = map.getContainer().closest(".mapper-map");
  var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var markers = {};
  var pending = null; // the place whose popup opens when the map stops moving

  function mentionsOf(key) {
    return document.querySelectorAll('.mention[data-place="' + CSS.escape(key) + '"]');
  }

  function markerClass(key, name, on) {
    var element = markers[key] && markers[key].getElement();
    if (element) element.classList.toggle(name, on);
  }

  function setHash(hash) {
    history.replaceState(null, "", hash || window.location.pathname + window.location.search);
  }

  function placeHash(key) {
    return "#place=" + encodeURIComponent(key);
  }

  // A popup fits the map between the zoom buttons and the attribution, the marker still in view:
  // on a phone, where the map is short, its list of mentions scrolls.
  var PAD_TOP = 84, PAD_BOTTOM = 72, POPUP_CHROME = 70;
  function popupOptions() {
    var size = map.getSize();
    return {
      minWidth: Math.min(240, size.x - 80),
      maxWidth: Math.min(360, size.x - 80),
      maxHeight: Math.max(140, Math.min(320, size.y - PAD_TOP - PAD_BOTTOM - POPUP_CHROME)),
      autoPanPaddingTopLeft: L.point(12, PAD_TOP),
      autoPanPaddingBottomRight: L.point(12, PAD_BOTTOM),
      className: "place-popup"
    };
  }

  Object.keys(data.places).forEach(function (key) {
    var place = data.places[key];
    var marker = window[place.layer];
    markers[key] = marker;
    // popup and tooltip are HTML built and escaped by mapper/render/popups.py
    marker.bindPopup(place.popup, popupOptions());
    marker.bindTooltip(place.tooltip, { direction: "top" });
    var element = marker.getElement();
    if (element) element.setAttribute("aria-label", place.label);
    marker.on("popupopen", function () {
      mentionsOf(key).forEach(function (el) { el.classList.add("is-active"); });
      markerClass(key, "is-active", true);
      section.classList.add("has-popup");
      setHash(placeHash(key));
    });
    marker.on("popupclose", function () {
      mentionsOf(key).forEach(function (el) { el.classList.remove("is-active"); });
      markerClass(key, "is-active", false);
      section.classList.remove("has-popup");
      if (window.location.hash === placeHash(key)) setHash("");
    });
  });

  map.on("resize", function () {
    var options = popupOptions();
    Object.keys(markers).forEach(function (key) { L.setOptions(markers[key].getPopup(), options); });
  });

  map.on("moveend", function () {
    var marker = markers[pending];
    pending = null;
    if (marker) marker.openPopup();
  });

  // Fly to the place and open it: closer in for a town seen from far out, out for a country.
  function showPlace(key, instant) {
    var place = data.places[key];
    var marker = markers[key];
    if (!marker) return;
    var zoom = Math.min(Math.max(map.getZoom(), place.zoom[0]), place.zoom[1]);
    var inView = map.getBounds().pad(-0.15).contains(marker.getLatLng());
    if (zoom === map.getZoom() && inView) {
      marker.openPopup();
    } else if (instant || still) {
      map.setView(marker.getLatLng(), zoom, { animate: false });
      marker.openPopup();
    } else {
      pending = key;
      map.flyTo(marker.getLatLng(), zoom, { duration: 0.9 });
    }
  }

  function paragraph(id) {
    var element = document.getElementById(id);
    return element && element.matches(".mapper-article p[id], .mapper-article h1[id]") ? element : null;
  }

  // Highlight the paragraph, scroll it into view, and mark the places it names on the map.
  function showParagraph(element) {
    document.querySelectorAll(".mapper-article .is-current").forEach(function (p) {
      p.classList.remove("is-current");
    });
    void element.offsetWidth; // restarts the flash when the same paragraph is picked again
    element.classList.add("is-current");
    element.scrollIntoView({ behavior: still ? "auto" : "smooth", block: "start" });
    var keys = placesIn(element);
    Object.keys(markers).forEach(function (key) {
      markerClass(key, "in-paragraph", keys.indexOf(key) >= 0);
    });
    return keys;
  }

  function placesIn(element) {
    var keys = [];
    element.querySelectorAll(".mention[data-place]").forEach(function (el) {
      if (keys.indexOf(el.dataset.place) < 0 && markers[el.dataset.place]) keys.push(el.dataset.place);
    });
    return keys;
  }

  // A shared link to a paragraph also moves the map to the places it names.
  function fitPlaces(keys) {
    if (keys.length === 1) {
      var place = data.places[keys[0]];
      map.setView(markers[keys[0]].getLatLng(), place.zoom[0], { animate: false });
    } else if (keys.length > 1) {
      var bounds = L.latLngBounds(keys.map(function (key) { return markers[key].getLatLng(); }));
      map.fitBounds(bounds, { padding: [40, 40], maxZoom: 10, animate: false });
    }
  }

  // "Skip to the map" moves the keyboard past the article's links to the map and its markers.
  document.querySelector(".skip-link").addEventListener("click", function (event) {
    event.preventDefault();
    map.getContainer().focus();
  });

  // Capture phase: runs before Leaflet's handlers inside popups can stop the event.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-place], a[data-paragraph]");
    if (!link) return;
    var target = link.dataset.place ? null : paragraph(link.dataset.paragraph);
    if (!link.dataset.place && !target) return;
    event.preventDefault(); // the URL changes below, without a jump or a history entry
    if (target) {
      showParagraph(target);
      setHash("#" + target.id);
    } else {
      showPlace(link.dataset.place, false);
    }
  }, true);

  function decoded(text) {
    try { return decodeURIComponent(text); } catch (error) { return text; }
  }

  function restore() {
    var hash = window.location.hash;
    var place = /^#place=(.+)$/.exec(hash);
    var target = hash.length > 1 ? paragraph(decoded(hash.slice(1))) : null;
    if (place) showPlace(decoded(place[1]), true);
    else if (target) fitPlaces(showParagraph(target));
  }

  // Names beside the markers, and the story's view with what lies outside it (labels.js, story-view.js).
  var order = data.labelOrder.map(function (key) { return { marker: markers[key], name: data.places[key].name }; });
  window.mapperLabels(map, order);
  var byNumber = Object.keys(data.places).sort(function (a, b) { return data.places[a].n - data.places[b].n; });
  window.mapperStoryView(map, data.box, byNumber.map(function (key) {
    var place = data.places[key];
    return { key: key, n: place.n, name: place.name, low: place.low, marker: markers[key] };
  }), function (key) { showPlace(key, false); });

  // A marker reached with the keyboard comes into view.
  Object.keys(markers).forEach(function (key) {
    var element = markers[key].getElement();
    if (!element) return;
    element.addEventListener("focus", function () {
      var point = map.latLngToContainerPoint(markers[key].getLatLng());
      var size = map.getSize();
      if (point.x < 24 || point.y < 24 || point.x > size.x - 24 || point.y > size.y - 24) {
        map.panInside(markers[key].getLatLng(), { padding: [48, 48], animate: !still });
      }
    });
  });

  window.addEventListener("hashchange", restore);
  restore();
})();
