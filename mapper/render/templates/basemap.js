// mapper basemap: Natural Earth's world in panes below Leaflet's tile pane, so that a map shows the
// world when its tiles fail or when it has none (a self-contained page). The world at 1:110m comes
// from window.mapperWorld (world.js); near the page's places, cells at 1:50m and 1:10m, with
// rivers and the lines and names of states and provinces, are loaded as <script>s (file:// pages cannot fetch
// JSON) when the reader zooms in, each calling mapperBasemap.cell(). #mapper-basemap says which
// cells the page has, where, and the tile layer. Colours are CSS (basemap.css), for themes.
// An init hook gives it to every Leaflet map on the page: a page only includes its assets
// (mapper/render/offline.py).
(function () {
  "use strict";
  var options = JSON.parse(document.getElementById("mapper-basemap").textContent);
  var world = window.mapperWorld;
  var levels = options.cells.levels;
  var store = {}; // level name -> key -> the cell's shapes, once its script has run
  var requested = {}; // script URL -> true
  var maps = [];
  levels.forEach(function (level) {
    store[level.name] = {};
    level.has = {};
    level.keys.forEach(function (key) { level.has[key] = true; });
  });

  window.mapperBasemap = {
    cell: function (levelName, key, shapes) {
      store[levelName][key] = shapes;
      maps.forEach(function (basemap) { basemap.update(); });
    }
  };

  function latLngs(steps, scale) {
    var lat = 0, lon = 0, points = [];
    for (var i = 0; i < steps.length; i += 2) {
      lat += steps[i];
      lon += steps[i + 1];
      points.push([lat / scale, lon / scale]);
    }
    return points;
  }

  function shapes(list, scale) {
    return list.map(function (steps) { return latLngs(steps, scale); });
  }

  function cellBounds(level, key) {
    var parts = key.split("_"), row = +parts[0], col = +parts[1];
    return [[row * level.size - 90, col * level.size - 180], [(row + 1) * level.size - 90, (col + 1) * level.size - 180]];
  }

  function keysInView(level, bounds) {
    var keys = [];
    var south = Math.max(-90, bounds.getSouth()), north = Math.min(89.999, bounds.getNorth());
    var west = Math.max(-180, bounds.getWest()), east = Math.min(179.999, bounds.getEast());
    for (var row = Math.floor((south + 90) / level.size); row <= Math.floor((north + 90) / level.size); row++) {
      for (var col = Math.floor((west + 180) / level.size); col <= Math.floor((east + 180) / level.size); col++) {
        if (level.has[row + "_" + col]) keys.push(row + "_" + col);
      }
    }
    return keys;
  }

  function request(level, key) {
    var url = options.cells.path + "/" + level.name + "/" + key + ".js";
    if (requested[url]) return;
    requested[url] = true;
    var script = document.createElement("script");
    script.src = url;
    document.head.appendChild(script);
  }

  function label(name, latLng, kind) {
    var span = document.createElement("span");
    span.textContent = name;
    return L.marker(latLng, {
      pane: "mapperLabels", interactive: false, keyboard: false,
      icon: L.divIcon({ className: "mapper-label mapper-" + kind + "-label", html: span, iconSize: null }),
    });
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  // The world at 1:110m: all a locator map (story-view.js's inset) shows, and every map's ground.
  function drawWorld(map) {
    map.createPane("mapperOutlines").style.zIndex = 150; // the tile pane is at 200
    var base = L.svg({ pane: "mapperOutlines" });
    L.polygon(shapes(world.land, world.scale), { renderer: base, interactive: false, className: "mapper-land" }).addTo(map);
    L.polygon(shapes(world.lakes, world.scale), { renderer: base, interactive: false, className: "mapper-lake" }).addTo(map);
    L.polyline(shapes(world.borders, world.scale), { renderer: base, interactive: false, className: "mapper-border" }).addTo(map);
  }

  function Basemap(map) {
    this.map = map;
    this.drawn = {}; // level name -> key -> true
    this.layers = {}; // level name -> its layer group, on the map from the level's zoom on
    this.labels = world.countries.map(function (c) {
      return { marker: label(c.name, c.label, "country"), minZoom: c.minZoom, rank: 0 };
    });
    this.shownLabels = L.layerGroup().addTo(map);
    this.credits = {};

    drawWorld(map);
    map.createPane("mapperLabels").style.zIndex = 160;
    levels.forEach(function (level, i) {
      map.createPane("mapperDetail" + level.name).style.zIndex = 151 + i;
      this.layers[level.name] = L.layerGroup();
      this.layers[level.name].renderer = L.svg({ pane: "mapperDetail" + level.name });
      this.drawn[level.name] = {};
    }, this);
    if (options.tiles) this.addTiles();
    this.credit(options.attribution, true);
    map.on("moveend", this.update, this);
    this.update();
  }

  Basemap.prototype.addTiles = function () {
    var basemap = this, state = {};
    function key(coords) { return coords.x + ":" + coords.y + ":" + coords.z; }
    // The tile layer's credit shows once one of its tiles has loaded, Natural Earth's while any
    // tile of the view is missing (loading or failed) and the outlines show through.
    function credit() {
      var loaded = 0, missing = 0;
      Object.keys(state).forEach(function (k) { if (state[k] === "ok") loaded++; else missing++; });
      basemap.credit(options.tiles.attribution, loaded > 0);
      basemap.credit(options.attribution, missing > 0 || loaded === 0);
    }
    L.tileLayer(options.tiles.url, { maxZoom: options.tiles.maxZoom })
      .on("tileloadstart", function (e) { state[key(e.coords)] = "loading"; credit(); })
      .on("tileload", function (e) { state[key(e.coords)] = "ok"; credit(); })
      .on("tileerror", function (e) { state[key(e.coords)] = "failed"; credit(); })
      .on("tileunload", function (e) { delete state[key(e.coords)]; credit(); })
      .addTo(this.map);
  };

  Basemap.prototype.credit = function (text, on) {
    var control = this.map.attributionControl;
    if (!control || !text || !!this.credits[text] === on) return;
    this.credits[text] = on;
    if (on) control.addAttribution(text);
    else control.removeAttribution(text);
  };

  Basemap.prototype.update = function () {
    var map = this.map, zoom = map.getZoom(), view = map.getBounds().pad(0.25);
    levels.forEach(function (level) {
      var group = this.layers[level.name];
      if (zoom < level.minZoom) {
        map.removeLayer(group);
        return;
      }
      group.addTo(map);
      keysInView(level, view).forEach(function (key) {
        var cell = store[level.name][key];
        if (!cell) request(level, key);
        else if (!this.drawn[level.name][key]) this.draw(level, key, cell);
      }, this);
    }, this);
    map.getContainer().classList.toggle("mapper-admin1-on", zoom >= options.admin1Zoom);
    this.placeLabels();
  };

  Basemap.prototype.draw = function (level, key, cell) {
    var group = this.layers[level.name], scale = level.scale, style = { renderer: group.renderer, interactive: false };
    this.drawn[level.name][key] = true;
    var layers = [L.rectangle(cellBounds(level, key), L.extend({ className: "mapper-sea" }, style))];
    if (cell.land.length) layers.push(L.polygon(shapes(cell.land, scale), L.extend({ className: "mapper-land" }, style)));
    if (cell.lakes.length) layers.push(L.polygon(shapes(cell.lakes, scale), L.extend({ className: "mapper-lake" }, style)));
    if (cell.rivers.length) layers.push(L.polyline(shapes(cell.rivers, scale), L.extend({ className: "mapper-river" }, style)));
    if (cell.admin1.length) layers.push(L.polyline(shapes(cell.admin1, scale), L.extend({ className: "mapper-admin1" }, style)));
    if (cell.borders.length) layers.push(L.polyline(shapes(cell.borders, scale), L.extend({ className: "mapper-border" }, style)));
    group.addLayer(L.layerGroup(layers));
    cell.labels.forEach(function (l) {
      this.labels.push({ marker: label(l[0], [l[1], l[2]], "admin1"), minZoom: Math.max(l[3], options.admin1Zoom), rank: 1 });
    }, this);
  };

  // Names that fit: countries before states, bigger before smaller (they show from lower zooms),
  // none over another or over a marker, and each name once (Kyiv the city and Kyiv the province).
  Basemap.prototype.placeLabels = function () {
    var map = this.map, zoom = map.getZoom(), view = map.getBounds().pad(0.1), shown = this.shownLabels;
    var container = map.getContainer().getBoundingClientRect();
    var taken = [], named = {};
    map.getContainer().querySelectorAll(".leaflet-marker-pane > *, .leaflet-tooltip-permanent").forEach(function (el) {
      taken.push(el.getBoundingClientRect());
    });
    var candidates = this.labels.filter(function (l) {
      var wanted = l.minZoom <= zoom && view.contains(l.marker.getLatLng());
      if (!wanted) shown.removeLayer(l.marker);
      return wanted;
    });
    candidates.sort(function (a, b) { return a.rank - b.rank || a.minZoom - b.minZoom; });
    candidates.forEach(function (l) {
      shown.addLayer(l.marker);
      var span = l.marker.getElement().firstChild, box = span.getBoundingClientRect();
      var inside = box.left >= container.left && box.right <= container.right &&
                   box.top >= container.top && box.bottom <= container.bottom;
      var free = inside && !named[span.textContent] && !taken.some(function (t) { return overlaps(t, box); });
      span.classList.toggle("is-hidden", !free);
      if (free) {
        taken.push(box);
        named[span.textContent] = true;
      }
    });
  };

  L.Map.addInitHook(function () {
    var map = this;
    // how far a map without a maxZoom of its own zooms (marker clustering needs one from the start)
    if (map.options.maxZoom === undefined) map.options.maxZoom = options.tiles ? options.tiles.maxZoom : 18;
    // Leaflet runs init hooks before Map.initialize sets map._zoomAnimated, and a layer added now
    // would never follow zoom animations: its stale drawing would stay put, unscaled, for every
    // animated zoom (the "triangles" of clipped outlines past zoom 6). Add it once the map is made.
    Promise.resolve().then(function () {
      if (!map._mapPane) return;
      if (map.options.mapperBasemap === "inset") drawWorld(map);
      else maps.push(new Basemap(map));
    });
  });
})();
