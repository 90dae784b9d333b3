// mapper basemap: Natural Earth country outlines and names in panes below Leaflet's tile pane, so
// a map shows the world when its tiles fail or when it has none (a self-contained page).
// An init hook gives it to every Leaflet map on the page: a page only includes its assets
// (mapper/render/offline.py). Reads window.mapperWorld (world-110m.js) and #mapper-basemap.
(function () {
  "use strict";
  var options = JSON.parse(document.getElementById("mapper-basemap").textContent);
  var world = window.mapperWorld;

  function latLngs(steps) {
    var lat = 0, lon = 0, points = [];
    for (var i = 0; i < steps.length; i += 2) {
      lat += steps[i];
      lon += steps[i + 1];
      points.push([lat / world.scale, lon / world.scale]);
    }
    return points;
  }

  function outline(country, renderer) {
    var shape = country.shape.map(function (polygon) { return polygon.map(latLngs); });
    return L.polygon(shape, {
      renderer: renderer, interactive: false, className: "mapper-country",
      color: "#fff", weight: 1, opacity: 1, fillColor: "#e3e3e0", fillOpacity: 1,
    });
  }

  function label(country) {
    var name = document.createElement("span");
    name.textContent = country.name;
    return L.marker(country.label, {
      pane: "mapperLabels", interactive: false, keyboard: false,
      icon: L.divIcon({ className: "mapper-country-label", html: name, iconSize: null }),
    });
  }

  L.Map.addInitHook(function () {
    var map = this;
    map.createPane("mapperOutlines").style.zIndex = 150; // the tile pane is at 200
    map.createPane("mapperLabels").style.zIndex = 160;
    var renderer = L.svg({ pane: "mapperOutlines" });
    L.layerGroup(world.countries.map(function (c) { return outline(c, renderer); }),
                 { attribution: options.attribution }).addTo(map);
    if (map.options.mapperBasemap === "inset") return; // a locator map (story-view.js): the outlines alone

    var labels = world.countries.map(label);
    var shown = L.layerGroup().addTo(map);
    function showLabels() {
      var zoom = map.getZoom();
      labels.forEach(function (marker, i) {
        if (world.countries[i].minZoom > zoom) shown.removeLayer(marker);
        else shown.addLayer(marker);
      });
    }
    map.whenReady(showLabels);
    map.on("zoomend", showLabels);

    if (options.tiles) {
      L.tileLayer(options.tiles.url, {
        attribution: options.tiles.attribution, maxZoom: options.tiles.maxZoom,
      }).addTo(map);
    }
  });
})();
