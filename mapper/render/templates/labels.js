// mapper labels: each place's name beside its marker where it fits, and markers that would cover one
// another pushed apart, each with a line back to its place, so every marker stays clickable.
// Laid out again after every zoom and pan, each name on a free side inside the map; a name that
// fits nowhere shows while its marker is hovered or focused.
// mapperLabels(map, places): places [{marker, name}], the most important first.
(function () {
  "use strict";
  var GAP = 3; // px between a marker's edge and its label
  var ROUNDS = 40; // of pairwise pushing; a crowd of markers settles well within this
  var MOST = 400; // markers; past this many, spreading them costs more than it helps

  function box(x, y, w, h) { return { x0: x, y0: y, x1: x + w, y1: y + h }; }
  function overlaps(a, b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

  window.mapperLabels = function (map, places) {
    var items = places.map(function (place) {
      var element = place.marker.getElement();
      var label = document.createElement("span");
      label.className = "place-label";
      label.setAttribute("aria-hidden", "true"); // the marker's own aria-label names it...
      label.textContent = " " + place.name; // ...and reads "Place 3: Spain", as its visible "3 Spain" says
      var leader = document.createElement("span");
      leader.className = "place-leader";
      leader.setAttribute("aria-hidden", "true");
      element.appendChild(leader);
      element.appendChild(label);
      var size = place.marker.options.icon.options.iconSize;
      return { marker: place.marker, element: element, label: label, leader: leader, r: size[0] / 2 };
    });

    function spread(points) {
      var at = points.map(function (p) { return [p.x, p.y]; });
      if (items.length > MOST) return at;
      for (var round = 0; round < ROUNDS; round++) {
        var moved = false;
        for (var i = 0; i < at.length; i++) {
          for (var j = i + 1; j < at.length; j++) {
            var dx = at[j][0] - at[i][0], dy = at[j][1] - at[i][1];
            var d = Math.sqrt(dx * dx + dy * dy), gap = items[i].r + items[j].r + 1;
            if (d >= gap) continue;
            var ux = d > 1e-6 ? dx / d : Math.cos(j), uy = d > 1e-6 ? dy / d : Math.sin(j);
            var push = (gap - d) / 2 + 0.01;
            at[i][0] -= ux * push; at[i][1] -= uy * push;
            at[j][0] += ux * push; at[j][1] += uy * push;
            moved = true;
          }
        }
        if (!moved) break;
      }
      return at;
    }

    function layout() {
      var points = items.map(function (item) { return map.latLngToLayerPoint(item.marker.getLatLng()); });
      var at = spread(points);
      var taken = items.map(function (item, i) {
        var dx = at[i][0] - points[i].x, dy = at[i][1] - points[i].y, length = Math.sqrt(dx * dx + dy * dy);
        // Leaflet anchors the icon by its margins: moving them moves the marker, not its place
        item.element.style.marginLeft = (dx - item.r) + "px";
        item.element.style.marginTop = (dy - item.r) + "px";
        item.leader.hidden = length < item.r + 2; // still over its place: no line needed
        item.leader.style.width = Math.max(0, length - item.r) + "px"; // from the disc's edge
        item.leader.style.transform = "rotate(" + Math.atan2(-dy, -dx) + "rad) translateX(" + item.r + "px)";
        return box(at[i][0] - item.r, at[i][1] - item.r, 2 * item.r, 2 * item.r);
      });
      // Only a side that keeps the name inside the map: at the map's edge a name the frame cuts
      // ("sh Columbia") reads worse than one shown on hover, as a name that fits nowhere is.
      var size = map.getSize(), origin = map.containerPointToLayerPoint([0, 0]);
      var view = box(origin.x, origin.y, size.x, size.y);
      function inView(b) { return b.x0 >= view.x0 && b.x1 <= view.x1 && b.y0 >= view.y0 && b.y1 <= view.y1; }
      var placed = [];
      items.forEach(function (item, i) {
        var w = item.label.offsetWidth, h = item.label.offsetHeight, x = at[i][0], y = at[i][1], r = item.r;
        var sides = {
          right: box(x + r + GAP, y - h / 2, w, h),
          left: box(x - r - GAP - w, y - h / 2, w, h),
          top: box(x - w / 2, y - r - GAP - h, w, h),
          bottom: box(x - w / 2, y + r + GAP, w, h)
        };
        var free = Object.keys(sides).filter(function (name) {
          var candidate = sides[name];
          return !taken.some(function (other, j) { return j !== i && overlaps(candidate, other); }) &&
                 !placed.some(function (other) { return overlaps(candidate, other); });
        });
        var side = free.filter(function (name) { return inView(sides[name]); })[0];
        item.label.className = "place-label " + (side ? "on-" + side : "on-right is-hidden");
        if (side) placed.push(sides[side]);
      });
    }

    // after a pan too, which brings names to the map's edge, unless there are so many that
    // laying them out on every move would make panning stutter
    map.on(items.length > MOST ? "zoomend viewreset" : "zoomend viewreset moveend", layout);
    layout();
    return layout;
  };
})();
