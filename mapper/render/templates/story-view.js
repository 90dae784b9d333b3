// mapper story view: the map opens on the places the story is about (mapper/render/framing.py).
// The places left outside that view are listed in a strip ("Also mentioned, outside this view")
// whose buttons fly to them; a button brings the story's view back once the reader has moved away;
// a small locator map shows where a close view lies in the world.
// mapperStoryView(map, box, places, show, options): box [[south, west], [north, east]] or null;
// places [{key, n, name, marker}] in number order; show(key) flies to a place and opens it;
// options.strip: an element to hold the strip instead of a corner of the map.
(function () {
  "use strict";
  var PAD = 36; // px around the story's places
  var MAX_ZOOM = 11; // as markers.py's MAX_FIT_ZOOM
  var INSET_FROM_ZOOM = 5; // a view this close gets a locator map...
  var INSET_ZOOMS_OUT = 6; // ...this many zoom levels further out
  var INSET_MIN_WIDTH = 480; // px of map: on a phone the inset would hide too much

  function control(position, className, build) {
    var Control = L.Control.extend({
      onAdd: function () {
        var element = L.DomUtil.create("div", className);
        L.DomEvent.disableClickPropagation(element);
        L.DomEvent.disableScrollPropagation(element);
        build(element);
        return element;
      }
    });
    return new Control({ position: position });
  }

  function button(className, html, label, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.innerHTML = html;
    if (label) { element.setAttribute("aria-label", label); element.title = label; }
    element.addEventListener("click", onClick);
    return element;
  }

  window.mapperStoryView = function (map, box, places, show, options) {
    options = options || {};
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var bounds = box && L.latLngBounds(box);
    var stripBox = document.createElement("nav");
    stripBox.className = "story-outside";
    stripBox.setAttribute("aria-label", "Places outside this view");

    function outside() {
      var shown = map.getBounds();
      return places.filter(function (place) { return !shown.contains(place.marker.getLatLng()); });
    }

    var NARROW = 600; // px of map under which the strip is one line

    function renderStrip(list) {
      var width = map.getSize().x;
      stripBox.classList.toggle("is-narrow", width < NARROW);
      if (!options.strip) stripBox.style.maxWidth = Math.max(160, width - (width < NARROW ? 24 : 176)) + "px";
      stripBox.hidden = list.length === 0;
      stripBox.textContent = "";
      if (!list.length) return;
      var title = document.createElement("p");
      title.className = "story-outside-title";
      title.textContent = stripBox.classList.contains("is-narrow") ? "Also mentioned:" : "Also mentioned, outside this view";
      var items = document.createElement("ul");
      list.forEach(function (place) {
        var item = document.createElement("li");
        var go = button("story-outside-place", "", "", function () { show(place.key); });
        var badge = document.createElement("span");
        badge.className = "badge" + (place.low ? " low" : "");
        badge.setAttribute("aria-hidden", "true");
        badge.textContent = place.n;
        go.appendChild(badge);
        go.appendChild(document.createTextNode(" " + place.name));
        go.setAttribute("aria-label", "Show place " + place.n + ", " + place.name + ", on the map");
        item.appendChild(go);
        items.appendChild(item);
      });
      stripBox.appendChild(title);
      stripBox.appendChild(items);
    }

    function fit() {
      if (!bounds) { map.setView([20, 0], 2, { animate: false }); return; }
      var below = options.strip || stripBox.hidden ? 0 : stripBox.offsetHeight;
      map.fitBounds(bounds, {
        paddingTopLeft: [PAD, PAD], paddingBottomRight: [PAD, PAD + below], maxZoom: MAX_ZOOM, animate: false
      });
    }

    if (options.strip) options.strip.appendChild(stripBox);
    else control("bottomleft", "story-outside-control", function (element) { element.appendChild(stripBox); }).addTo(map);
    // the strip's first list is the places outside the story's own box; once the map is fitted
    // around the room that list takes, it lists what the reader really cannot see
    renderStrip(places.filter(function (place) { return bounds && !bounds.contains(place.marker.getLatLng()); }));
    fit();
    renderStrip(outside());
    var home = { center: map.getCenter(), zoom: map.getZoom() };

    var reset = button("story-reset", "<span aria-hidden=\"true\">\u21BA</span>", "Back to the story\u2019s view",
      function () {
        if (still) fit();
        else map.flyToBounds(bounds || [[-50, -170], [70, 170]], {
          paddingTopLeft: [PAD, PAD], paddingBottomRight: [PAD, PAD], maxZoom: MAX_ZOOM, duration: 0.8
        });
      });
    reset.hidden = true;
    control("topleft", "leaflet-bar story-reset-control", function (element) { element.appendChild(reset); }).addTo(map);
    map.on("moveend", function () {
      var moved = map.getZoom() !== home.zoom ||
        map.latLngToContainerPoint(home.center).distanceTo(map.getSize().divideBy(2)) > 24;
      reset.hidden = !moved;
    });
    map.on("resize", function () { renderStrip(outside()); });

    if (bounds && L.Control.MiniMap && home.zoom >= INSET_FROM_ZOOM && map.getSize().x >= INSET_MIN_WIDTH) {
      var accent = getComputedStyle(map.getContainer()).getPropertyValue("--accent").trim() || "#b3261e";
      var inset = new L.Control.MiniMap(L.layerGroup(), {
        position: "bottomright", width: 120, height: 120,
        zoomLevelFixed: Math.max(0, Math.min(3, home.zoom - INSET_ZOOMS_OUT)), centerFixed: home.center,
        aimingRectOptions: {
          color: accent, weight: 2, fillColor: accent, fillOpacity: 0.15, interactive: false, className: "story-inset-view"
        },
        shadowRectOptions: { opacity: 0, fillOpacity: 0, interactive: false },
        mapOptions: { keyboard: false, zoomSnap: 0, mapperBasemap: "inset" }
      }).addTo(map);
      var element = inset.getContainer();
      element.classList.add("story-inset");
      element.setAttribute("aria-hidden", "true"); // a picture of where the view is: the map says it all
      ["dragging", "touchZoom", "scrollWheelZoom", "doubleClickZoom", "boxZoom"].forEach(function (handler) {
        if (inset._miniMap[handler]) inset._miniMap[handler].disable();
      });
    }
    return fit;
  };
})();
