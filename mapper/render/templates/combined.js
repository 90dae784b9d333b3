// mapper combined map: every article's places in a layer of its own colour and shape, a list that
// toggles them and can be searched, and a reading panel that switches article. Everything comes
// from #combined-data (mapper/render/combined.py); text only ever reaches the page as textContent.
// The URL keeps the article being read: #article=<id>.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("combined-data").textContent);
  var articles = data.articles;
  var panel = document.querySelector(".combined-panel");
  var list = document.querySelector(".combined-list");
  var reader = document.querySelector(".combined-reader");
  var text = document.querySelector(".combined-article");
  var switcher = document.querySelector(".combined-switch");
  var ownMap = document.querySelector(".combined-own-map");
  var ownKey = document.querySelector(".combined-own-key");
  var items = Array.prototype.slice.call(document.querySelectorAll(".combined-item"));
  var toggles = items.map(function (item) { return item.querySelector(".combined-toggle"); });
  var filter = document.getElementById("combined-filter");
  var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  // Many markers: one canvas, and clusters; few: one SVG shape each.
  var renderer = data.clustered ? L.canvas({ padding: 0.5 }) : L.svg();
  var map = L.map("combined-map", {
    renderer: renderer, worldCopyJump: true, zoomSnap: 0.5,
    zoomAnimation: !still, fadeAnimation: !still, markerZoomAnimation: !still,
  });
  L.control.scale().addTo(map);
  var group = data.clustered
    ? L.markerClusterGroup({
        chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45, animate: !still,
        spiderfyDistanceMultiplier: 1.4, iconCreateFunction: clusterIcon,
      })
    : L.layerGroup();
  group.addTo(map);
  var section = map.getContainer().parentNode;
  map.on("popupopen", function () { section.classList.add("has-popup"); }); // page.css hides the key
  map.on("popupclose", function () { section.classList.remove("has-popup"); });

  var layers = articles.map(function () { return []; }); // article -> its markers
  var byKey = articles.map(function () { return {}; }); // article -> place key -> marker
  var shown = articles.map(function () { return false; });
  var matching = articles.map(function () { return true; }); // by the filter
  var current = -1; // the article in the reading panel, or -1 for the list
  var picked = -1; // the article pointed at in the list, whose places stand out

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  // A circle marker in another shape: the shape's corners (data.outlines, around 0,0 with the
  // area of a circle of radius 1) scaled by the marker's radius, drawn as a polygon by either
  // renderer and hit-tested as one.
  var ShapeMarker = L.CircleMarker.extend({
    _updateBounds: function () {
      var at = this._point, r = this._radius, w = this._clickTolerance();
      this._parts = [this.options.outline.map(function (c) { return L.point(at.x + c[0] * r, at.y + c[1] * r); })];
      var box = L.bounds(this._parts[0]);
      this._pxBounds = L.bounds(box.min.subtract([w, w]), box.max.add([w, w]));
    },
    _updatePath: function () { this._renderer._updatePoly(this, true); },
    _containsPoint: L.Polygon.prototype._containsPoint,
  });

  // Each marker comes as a list (compact for 1,000 places); an excerpt is a paragraph id, its
  // number (0 for the headline), and where in the paragraph's text the excerpt starts, the mention starts and ends,
  // and the excerpt ends.
  function unpack(row) {
    return {
      article: row[0], latLng: [row[1], row[2]], number: row[3], radius: row[4], low: row[5] === 1,
      name: row[6], where: row[7], confidence: row[8], excerpts: row[9], more: row[10], key: row[11],
    };
  }

  // At most half the map's height (on a phone the map is half the screen), and clear of the
  // zoom buttons at the top left.
  var popupOptions = {
    minWidth: 240, maxWidth: 340, maxHeight: Math.max(160, Math.min(300, map.getSize().y / 2)),
    autoPanPaddingTopLeft: [10, 85], className: "place-popup combined-popup",
  };

  function look(place, faded) {
    var colour = articles[place.article].colour, low = place.low;
    return {
      color: low ? colour : "#fff", weight: low ? 2 : 1.5, opacity: faded ? 0.2 : 1,
      fillColor: colour, fillOpacity: (low ? 0.25 : 0.9) * (faded ? 0.2 : 1), dashArray: low ? "3 3" : null,
    };
  }

  data.markers.map(unpack).forEach(function (place) {
    var article = articles[place.article];
    var options = L.extend(look(place, false), {
      renderer: renderer, radius: place.radius, className: "combined-marker combined-layer-" + place.article,
      outline: data.outlines[article.shape],
    });
    var marker = options.outline ? new ShapeMarker(place.latLng, options) : L.circleMarker(place.latLng, options);
    marker.place = place;
    marker.bindTooltip(function () { return tooltip(place); },
                       { direction: "top", offset: [0, -place.radius] });
    marker.bindPopup(function () { return popup(place); }, popupOptions);
    marker.on("popupopen", function () { activate(place, true); });
    marker.on("popupclose", function () { activate(place, false); });
    layers[place.article].push(marker);
    byKey[place.article][place.key] = marker;
  });

  function tooltip(place) {
    var node = element("span");
    node.appendChild(element("strong", "", place.name));
    node.appendChild(document.createTextNode(" · " + articles[place.article].title));
    return node;
  }

  function plural(count, noun) {
    return count + " " + noun + (count === 1 ? "" : "s");
  }

  function storyColours(node, article) {
    node.style.setProperty("--accent", article.colour);
    node.style.setProperty("--accent-ink", article.ink);
  }

  function popup(place) {
    var article = articles[place.article];
    var root = element("div");
    storyColours(root, article);
    var source = root.appendChild(element("p", "combined-popup-source"));
    source.appendChild(storyKey(place.article));
    source.appendChild(read(place, article.title));
    var title = root.appendChild(element("h3", "popup-title"));
    title.appendChild(element("span", place.low ? "badge low" : "badge", String(place.number)));
    title.appendChild(document.createTextNode(" " + place.name));
    var count = place.excerpts.length + place.more;
    var meta = [place.where, plural(count, "mention"), "confidence " + place.confidence + "%"];
    root.appendChild(element("p", "popup-meta", meta.filter(Boolean).join(" · ")));
    var mentions = root.appendChild(element("ol", "popup-mentions"));
    var copy = document.getElementById("combined-article-" + place.article).content;
    place.excerpts.forEach(function (x) {
      var paragraph = copy.getElementById(x[0]);
      var words = paragraph ? paragraph.textContent : "";
      var link = element("a");
      link.href = article.href + "#" + encodeURIComponent(x[0]);
      link.appendChild(element("span", "popup-para", x[1] ? "¶ " + x[1] : "Headline"));
      link.appendChild(document.createTextNode(" " + (x[2] > 0 ? "…" : "") + words.slice(x[2], x[3])));
      link.appendChild(element("mark", "", words.slice(x[3], x[4])));
      link.appendChild(document.createTextNode(words.slice(x[4], x[5]) + (x[5] < words.length ? "…" : "")));
      mentions.appendChild(element("li")).appendChild(link);
    });
    var notes = [];
    if (place.more) notes.push(document.createTextNode(plural(place.more, "more mention")));
    if (place.article !== current) notes.push(read(place, "Read this story here"));
    if (notes.length) {
      var more = root.appendChild(element("p", "combined-popup-more"));
      notes.forEach(function (note, i) {
        if (i) more.appendChild(document.createTextNode(" · "));
        more.appendChild(note);
      });
    }
    return root;
  }

  // The article's mark in the list (its colour and shape), for a popup or the reading panel.
  function storyKey(i) {
    var mark = items[i].querySelector(".combined-key").cloneNode(true);
    mark.style.setProperty("--colour", articles[i].colour);
    return mark;
  }

  function read(place, label) {
    var button = element("button", "combined-read", label);
    button.type = "button";
    button.dataset.read = place.article;
    button.dataset.key = place.key;
    return button;
  }

  function activate(place, on) {
    if (place.article !== current) return;
    text.querySelectorAll('.mention[data-place="' + CSS.escape(place.key) + '"]').forEach(function (el) {
      el.classList.toggle("is-active", on);
    });
  }

  // A ring per article in the cluster, in proportion to its places there.
  function clusterIcon(cluster) {
    var children = cluster.getAllChildMarkers();
    var counts = articles.map(function () { return 0; });
    children.forEach(function (marker) { counts[marker.place.article] += 1; });
    var stops = [], at = 0;
    counts.forEach(function (count, i) {
      if (!count) return;
      var end = at + (360 * count) / children.length;
      stops.push(articles[i].colour + " " + at.toFixed(1) + "deg " + end.toFixed(1) + "deg");
      at = end;
    });
    var n = children.length, size = n < 10 ? 34 : n < 100 ? 40 : 48;
    var ring = element("div", "combined-cluster-ring");
    ring.style.background = "conic-gradient(" + stops.join(", ") + ")";
    ring.appendChild(element("span", "", String(n)));
    var standing = picked < 0 ? "" : counts[picked] ? " is-picked" : " is-faded";
    return L.divIcon({ html: ring, className: "combined-cluster" + standing, iconSize: [size, size] });
  }

  // Show exactly the wanted layers: the article being read, else those ticked in the list that
  // the filter keeps. Few markers are redrawn in article order, so the rings of a shared place
  // stay nested (the earliest article outermost).
  function wanted(i) {
    return current >= 0 ? i === current : toggles[i].checked && matching[i];
  }

  function apply() {
    var want = articles.map(function (a, i) { return wanted(i); });
    if (!data.clustered) {
      group.clearLayers();
      want.forEach(function (on, i) { if (on) layers[i].forEach(function (m) { group.addLayer(m); }); });
    } else {
      want.forEach(function (on, i) {
        if (on && !shown[i]) group.addLayers(layers[i]);
        else if (!on && shown[i]) group.removeLayers(layers[i]);
      });
    }
    shown = want;
  }

  // The places of the article pointed at in the list stand out; the others fade.
  function pick(i) {
    if (i === picked) return;
    picked = i;
    layers.forEach(function (markers, j) {
      var faded = i >= 0 && j !== i;
      markers.forEach(function (marker) { marker.setStyle(look(marker.place, faded)); });
    });
    items.forEach(function (item, j) { item.classList.toggle("is-picked", j === i); });
    if (data.clustered) group.refreshClusters();
  }

  function fit(bounds) {
    if (bounds && bounds.isValid()) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 9, animate: !still });
    else map.setView([20, 0], 2, { animate: false });
  }

  function bounds(counts) { // counts(i): whether article i's places count
    var all = L.latLngBounds([]);
    articles.forEach(function (article, i) { if (article.focus && counts(i)) all.extend(article.focus); });
    return all;
  }

  function showList() {
    stopWaiting();
    current = -1;
    panel.classList.remove("is-reading");
    reader.hidden = true;
    list.hidden = false;
    map.closePopup();
    apply();
    fit(bounds(wanted));
  }

  function select(i, key) {
    stopWaiting();
    var article = articles[i];
    current = i;
    pick(-1);
    panel.classList.add("is-reading"); // the list's header gives way to the story's own
    list.hidden = true;
    reader.hidden = false;
    storyColours(reader, article);
    reader.style.setProperty("--accent-pale", article.colour + "17");
    text.replaceChildren(document.getElementById("combined-article-" + i).content.cloneNode(true));
    switcher.value = article.id;
    ownMap.href = article.href;
    ownKey.replaceChildren(storyKey(i));
    map.closePopup();
    apply();
    fit(bounds(function (j) { return j === i; }));
    var mention = key && text.querySelector('.mention[data-place="' + CSS.escape(key) + '"]');
    if (mention) {
      mention.scrollIntoView({ block: "center" });
    } else {
      panel.scrollTop = 0; // side by side, the panel scrolls; stacked, the page does
      window.scrollTo(0, 0);
    }
  }

  // A clustered marker is zoomed (or panned) to, then fanned out of its cluster if it still shares
  // one, as markercluster's zoomToShowLayer does; but its handler waited for the marker even after
  // the marker had left the map (the reader switched story meanwhile), then threw on every move.
  // This one is dropped whenever the story changes or another place is opened.
  var waiting = null;

  function stopWaiting() {
    if (!waiting) return;
    map.off("moveend", waiting);
    if (data.clustered) group.off("animationend", waiting);
    waiting = null;
  }

  function open(i, key) {
    stopWaiting();
    var marker = byKey[i][key];
    if (!marker || !group.hasLayer(marker)) return;
    if (!data.clustered || (map.hasLayer(marker) && map.getBounds().contains(marker.getLatLng()))) {
      marker.openPopup();
      return;
    }
    waiting = function () {
      if (group._inZoomAnimation) return;
      var cluster = marker.__parent;
      if (!cluster || !group.hasLayer(marker)) {
        stopWaiting();
      } else if (map.hasLayer(marker)) {
        stopWaiting();
        marker.openPopup();
      } else if (map.hasLayer(cluster)) {
        stopWaiting();
        group.once("spiderfied", function () { if (group.hasLayer(marker)) marker.openPopup(); });
        cluster.spiderfy();
      }
    };
    map.on("moveend", waiting);
    group.on("animationend", waiting);
    if (marker.__parent._zoom < Math.round(map.getZoom())) map.panTo(marker.getLatLng());
    else marker.__parent.zoomToBounds();
  }

  function flash(id) {
    var paragraph = text.querySelector("#" + CSS.escape(id));
    if (!paragraph) return;
    paragraph.scrollIntoView({ block: "center" });
    paragraph.classList.remove("is-current");
    void paragraph.offsetWidth; // restarts the animation when the same paragraph is picked again
    paragraph.classList.add("is-current");
  }

  function restore() {
    var match = /^#article=([^&]*)/.exec(window.location.hash), id = "";
    try { id = match ? decodeURIComponent(match[1]) : ""; } catch (error) { id = ""; }
    var i = articles.findIndex(function (a) { return a.id === id; });
    if (i >= 0) select(i);
    else showList();
  }

  function go(i, key) {
    var hash = "#article=" + encodeURIComponent(articles[i].id);
    if (window.location.hash !== hash) history.pushState(null, "", hash);
    select(i, key);
  }

  // The filter, over a list long enough to have one: every word typed is in the story's title or
  // in the name of one of its places (accents and case aside); a story found by its places, for a
  // word its title lacks, says which.
  function folded(words) {
    return words.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var titles = articles.map(function (a) { return folded(a.title); });
  var placeNames = articles.map(function () { return []; });
  data.markers.forEach(function (row) { placeNames[row[0]].push(row[6]); });
  var placeWords = placeNames.map(function (names) { return names.map(folded); });
  var found = items.map(function (item) { return item.querySelector(".combined-found"); });
  var count = document.getElementById("combined-matches");
  var refit = null;

  function filterList() {
    var words = folded(filter.value).split(/\s+/).filter(Boolean);
    var shownItems = 0;
    articles.forEach(function (article, i) {
      var untitled = words.filter(function (word) { return titles[i].indexOf(word) < 0; });
      var places = placeNames[i].filter(function (name, n) {
        return untitled.some(function (word) { return placeWords[i][n].indexOf(word) >= 0; });
      });
      matching[i] = words.every(function (word) {
        return titles[i].indexOf(word) >= 0 || placeWords[i].some(function (name) { return name.indexOf(word) >= 0; });
      });
      items[i].hidden = !matching[i];
      var byPlace = matching[i] && places.length > 0;
      found[i].hidden = !byPlace;
      found[i].textContent = byPlace ? "Mentions " + places.slice(0, 3).join(", ") + (places.length > 3 ? "…" : "") : "";
      if (matching[i]) shownItems += 1;
    });
    if (!words.length) count.textContent = "";
    else if (!shownItems) count.textContent = "No story matches “" + filter.value.trim() + "”";
    else count.textContent = shownItems + " of " + articles.length + (articles.length === 1 ? " story" : " stories");
    apply();
    clearTimeout(refit); // the map follows once the reader stops typing
    refit = setTimeout(function () { fit(bounds(wanted)); }, 350);
  }

  if (filter) {
    filter.addEventListener("input", filterList);
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && filter.value) {
        event.preventDefault();
        filter.value = "";
        filterList();
      } else if (event.key === "ArrowDown") { // on to the first story found
        var first = items.find(function (item) { return !item.hidden; });
        if (first) {
          event.preventDefault();
          first.querySelector(".combined-open").focus();
        }
      }
    });
    if (filter.value) filterList(); // a value the browser kept from an earlier visit
  }

  // Capture phase: runs before Leaflet's handlers inside popups can stop the event.
  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-read], a[data-place], a[data-paragraph]");
    if (!target) return;
    if (target.dataset.read !== undefined) {
      go(Number(target.dataset.read), target.dataset.key);
    } else if (text.contains(target)) {
      event.preventDefault(); // the article's own links would replace #article=
      if (target.dataset.place) open(current, target.dataset.place);
      else flash(target.dataset.paragraph);
    }
  }, true);

  // The skip link moves the focus to the map without touching #article=.
  document.querySelector(".combined-skip").addEventListener("click", function (event) {
    event.preventDefault();
    map.getContainer().focus();
  });

  items.forEach(function (item, i) {
    item.addEventListener("mouseenter", function () { pick(i); });
    item.addEventListener("mouseleave", function () { pick(-1); });
    item.addEventListener("focusin", function () { pick(i); });
    item.addEventListener("focusout", function (event) { if (!item.contains(event.relatedTarget)) pick(-1); });
  });
  toggles.forEach(function (toggle) { toggle.addEventListener("change", apply); });
  switcher.addEventListener("change", function () {
    go(articles.findIndex(function (a) { return a.id === switcher.value; }));
  });
  document.querySelector(".combined-back").addEventListener("click", function () {
    history.pushState(null, "", window.location.pathname + window.location.search);
    showList();
  });
  window.addEventListener("hashchange", restore);
  restore();

  window.mapperCombined = { map: map, group: group, layers: layers, ready: performance.now() };
})();
