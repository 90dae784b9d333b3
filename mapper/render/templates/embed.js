// mapper embed: the map alone, in an <iframe> of a news article.
// Tells the host page the height it needs, leaves the page's scrolling alone until the reader
// picks the map, and sends the popups' paragraph links to the full reading view in a new tab.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("mapper-data").textContent);
  var map = window[data.map];
  if (!map) return; // Leaflet did not load: map.png (or the list of places) stays in its place

  // The map is drawn: the static image under it goes (and its alt text, which the map now tells).
  var still = document.querySelector(".embed-still");
  if (still) still.remove();

  var frame = document.querySelector(".mapper-embed");
  var area = document.querySelector(".embed-map");
  var hint = area.querySelector(".embed-hint");
  var container = map.getContainer();

  // ?title=0: the host page already shows the headline.
  if (new URLSearchParams(window.location.search).get("title") === "0") {
    document.querySelector(".embed-header").hidden = true;
  }

  // The height follows the width alone (embed.css keeps the map's aspect ratio), never the
  // frame's own height, so setting the iframe to it cannot loop.
  var posted = 0;
  function postHeight() {
    var height = Math.ceil(frame.getBoundingClientRect().height);
    if (height === posted || window.parent === window) return;
    posted = height;
    window.parent.postMessage({ "mapper-embed-height": height, id: data.id }, "*");
  }
  new ResizeObserver(postHeight).observe(frame);

  function popupOptions() {
    var size = map.getSize();
    return {
      minWidth: Math.min(220, size.x - 80),
      maxWidth: Math.min(320, size.x - 48),
      maxHeight: Math.max(100, Math.min(280, size.y - 90)),
      autoPanPadding: L.point(12, 12),
      className: "place-popup"
    };
  }

  Object.keys(data.places).forEach(function (key) {
    var place = data.places[key];
    var marker = window[place.layer];
    // popup and tooltip are HTML built and escaped by mapper/render/popups.py
    marker.bindPopup(place.popup, popupOptions());
    marker.bindTooltip(place.tooltip, { direction: "top" });
    var element = marker.getElement();
    if (element) element.setAttribute("aria-label", place.label);
  });

  // Names beside the markers; the story's view, with the places outside it listed under the map
  // (labels.js, story-view.js). A place from that list is shown as the map shows any: flown to, opened.
  var reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var markers = {};
  Object.keys(data.places).forEach(function (key) { markers[key] = window[data.places[key].layer]; });
  window.mapperLabels(map, data.labelOrder.map(function (key) {
    return { marker: markers[key], name: data.places[key].name };
  }));
  var byNumber = Object.keys(data.places).sort(function (a, b) { return data.places[a].n - data.places[b].n; });
  window.mapperStoryView(map, data.box, byNumber.map(function (key) {
    var place = data.places[key];
    return { key: key, n: place.n, name: place.name, low: place.low, marker: markers[key] };
  }), function (key) {
    var marker = markers[key], zoom = data.places[key].zoom;
    var target = Math.min(Math.max(map.getZoom(), zoom[0]), zoom[1]);
    if (reduced) {
      map.setView(marker.getLatLng(), target, { animate: false });
      marker.openPopup();
    } else {
      map.once("moveend", function () { marker.openPopup(); });
      map.flyTo(marker.getLatLng(), target, { duration: 0.9 });
    }
  }, { strip: document.querySelector(".embed-outside") });

  map.on("resize", function () {
    var options = popupOptions();
    map.eachLayer(function (layer) {
      if (layer.getPopup && layer.getPopup()) L.setOptions(layer.getPopup(), options);
    });
  });

  // Links within the article (#p3) open it in the reading view, beside the map.
  map.on("popupopen", function (event) {
    area.classList.add("has-popup");
    event.popup.getElement().querySelectorAll('a[href^="#"]').forEach(function (link) {
      link.href = data.readingView + link.getAttribute("href");
      link.target = "_blank";
      link.rel = "noopener";
    });
  });
  map.on("popupclose", function () { area.classList.remove("has-popup"); });

  // The wheel zooms (and, on touch screens, one finger pans) only once the reader has picked the
  // map: a click, a tap or keyboard focus; leaving it with the pointer or the focus lets go again.
  var touch = L.Browser.touch;
  var active = false;
  function activate(on) {
    active = on;
    map.scrollWheelZoom[on ? "enable" : "disable"]();
    if (touch) map.dragging[on ? "enable" : "disable"]();
    area.classList.toggle("is-active", on);
    if (on) hint.classList.remove("is-shown");
  }
  activate(false);

  var hintTimer = 0;
  function showHint(text) {
    hint.textContent = text;
    hint.classList.add("is-shown");
    clearTimeout(hintTimer);
    hintTimer = setTimeout(function () { hint.classList.remove("is-shown"); }, 1500);
  }

  container.addEventListener("pointerdown", function (event) {
    if (event.pointerType !== "mouse") return;
    activate(true); // in time for this very drag
    // before Leaflet focuses the map itself, which would scroll a half-seen map into the host's view
    if (!container.contains(document.activeElement)) container.focus({ preventScroll: true });
  });
  container.addEventListener("click", function () { activate(true); });
  container.addEventListener("focusin", function () { activate(true); });
  container.addEventListener("focusout", function (event) {
    if (!container.contains(event.relatedTarget)) activate(false);
  });
  container.addEventListener("mouseleave", function () { activate(false); });
  window.addEventListener("blur", function () { activate(false); });

  // Not passive, though it never prevents the scroll: Chromium does not always pass a frame the
  // wheel events that only passive listeners want while the host page scrolls.
  container.addEventListener("wheel", function () {
    if (!active) showHint("Click the map to zoom with the scroll wheel");
  }, { passive: false });
  container.addEventListener("touchmove", function (event) {
    if (!active && touch && event.touches.length === 1) showHint("Tap the map to move it");
  }, { passive: true });
})();
