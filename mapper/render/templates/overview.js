// mapper archive overview: every place of a run's articles, merged, clustered; a place's popup
// lists the articles that name it, each a link to its own map. Everything comes from
// #overview-data (mapper/render/overview.py); text only reaches the page as textContent.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("overview-data").textContent);
  var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var map = L.map("overview-map", {
    renderer: L.canvas({ padding: 0.5 }), worldCopyJump: true, zoomSnap: 0.5,
    zoomAnimation: !still, fadeAnimation: !still, markerZoomAnimation: !still,
  });
  L.control.scale().addTo(map);
  var group = L.markerClusterGroup({
    chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45, animate: !still,
    iconCreateFunction: function (cluster) {
      var count = cluster.getChildCount();
      var size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : 48;
      return L.divIcon({
        html: "<span>" + count + "</span>", className: "overview-cluster", iconSize: L.point(size, size),
      });
    },
  });
  // Canvas markers take no CSS: their colours are the page's, read once.
  var accent = getComputedStyle(document.documentElement).getPropertyValue("--accent").trim() || "#b3261e";

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function popup(place) {
    // place: [lat, lon, name, mentions, article count, [article indexes, the first few]]
    var box = element("div", "overview-popup");
    box.appendChild(element("h2", "overview-place", place[2]));
    var count = place[4];
    box.appendChild(element("p", "overview-count",
      count + (count === 1 ? " article, " : " articles, ") + place[3] + (place[3] === 1 ? " mention" : " mentions")));
    var list = element("ul", "overview-articles");
    place[5].forEach(function (i) {
      var article = data.articles[i];
      var item = element("li");
      var link = element("a", null, article[0] || article[2]);
      link.href = article[1];
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
    if (count > place[5].length) box.appendChild(element("p", "overview-more", "and " + (count - place[5].length) + " more"));
    return box;
  }

  var bounds = [];
  data.places.forEach(function (place) {
    var radius = Math.min(14, 4 + 2 * Math.sqrt(place[4]));
    var marker = L.circleMarker([place[0], place[1]], {
      radius: radius, color: "#fff", weight: 1.5, fillColor: accent, fillOpacity: 0.85,
    });
    marker.bindPopup(function () { return popup(place); }, { maxWidth: 320 });
    marker.bindTooltip(place[2]);
    group.addLayer(marker);
    bounds.push([place[0], place[1]]);
  });
  group.addTo(map);
  if (bounds.length) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 8 });
  else map.setView([20, 0], 2);
})();
