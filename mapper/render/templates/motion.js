// mapper: Leaflet without motion for readers who ask for none (prefers-reduced-motion): every
// map on the page jumps where it would glide, zoom, fade or coast. Loaded after Leaflet, before
// any map is made; page.css stops the CSS transitions and animations.
(function () {
  "use strict";
  if (!window.matchMedia("(prefers-reduced-motion: reduce)").matches) return;
  L.Map.mergeOptions({ zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false, inertia: false });
  var panBy = L.Map.prototype.panBy;
  L.Map.include({
    // popups' auto-pan, the keyboard's arrows and panTo all move through panBy
    panBy: function (offset, options) {
      return panBy.call(this, offset, L.extend({}, options, { animate: false }));
    },
    flyTo: function (latlng, zoom, options) {
      return this.setView(latlng, zoom, L.extend({}, options, { animate: false }));
    },
    flyToBounds: function (bounds, options) {
      return this.fitBounds(bounds, L.extend({}, options, { animate: false }));
    }
  });
})();
