// mapper combined map: every article's places in a layer of its own colour, a list that toggles
// them, and a reading panel that switches article. Everything comes from #combined-data
// (mapper/render/combined.py); text only ever reaches the page as textContent.
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
  var toggles = Array.prototype.slice.call(document.querySelectorAll(".combined-toggle"));

  // Many markers: one canvas, and clusters; few: one SVG circle each.
  var renderer = data.clustered ? L.canvas({ padding: 0.5 }) : L.svg();
  var map = L.map("combined-map", { renderer: renderer, worldCopyJump: true, zoomSnap: 0.5 });
  L.control.scale().addTo(map);
  var group = data.clustered
    ? L.markerClusterGroup({
        chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45,
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
  var current = -1; // the article in the reading panel, or -1 for the list

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  // Each marker comes as a list (compact for 1,000 places); an excerpt is a paragraph id, its
  // number, and where in the paragraph's text the excerpt starts, the mention starts and ends,
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

  data.markers.map(unpack).forEach(function (place) {
    var colour = articles[place.article].colour, low = place.low;
    var marker = L.circleMarker(place.latLng, {
      renderer: renderer, radius: place.radius, color: low ? colour : "#fff", weight: low ? 2 : 1.5,
      opacity: 1, fillColor: colour, fillOpacity: low ? 0.25 : 0.9, dashArray: low ? "3 3" : null,
      className: "combined-marker combined-layer-" + place.article,
    });
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

  function popup(place) {
    var article = articles[place.article];
    var root = element("div");
    root.style.setProperty("--accent", article.colour);
    var source = root.appendChild(element("p", "combined-popup-source"));
    source.appendChild(element("span", "combined-dot"));
    source.appendChild(read(place, article.title));
    var title = root.appendChild(element("h3", "popup-title"));
    title.appendChild(element("span", "badge", String(place.number)));
    title.appendChild(document.createTextNode(" " + place.name));
    var count = place.excerpts.length + place.more;
    var meta = [place.where, plural(count, "mention"), "confidence " + place.confidence + "%"];
    root.appendChild(element("p", "popup-meta", meta.filter(Boolean).join(" · ")));
    var items = root.appendChild(element("ol", "popup-mentions"));
    var copy = document.getElementById("combined-article-" + place.article).content;
    place.excerpts.forEach(function (x) {
      var paragraph = copy.getElementById(x[0]);
      var words = paragraph ? paragraph.textContent : "";
      var link = element("a");
      link.href = article.href + "#" + encodeURIComponent(x[0]);
      link.appendChild(element("span", "popup-para", "¶ " + x[1]));
      link.appendChild(document.createTextNode(" " + (x[2] > 0 ? "…" : "") + words.slice(x[2], x[3])));
      link.appendChild(element("mark", "", words.slice(x[3], x[4])));
      link.appendChild(document.createTextNode(words.slice(x[4], x[5]) + (x[5] < words.length ? "…" : "")));
      items.appendChild(element("li")).appendChild(link);
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
    return L.divIcon({ html: ring, className: "combined-cluster", iconSize: [size, size] });
  }

  // Show exactly the wanted layers; few markers are redrawn in article order, so the rings of a
  // shared place stay nested (the earliest article outermost).
  function apply() {
    var wanted = articles.map(function (a, i) { return current >= 0 ? i === current : toggles[i].checked; });
    if (!data.clustered) {
      group.clearLayers();
      wanted.forEach(function (on, i) { if (on) layers[i].forEach(function (m) { group.addLayer(m); }); });
    } else {
      wanted.forEach(function (on, i) {
        if (on && !shown[i]) group.addLayers(layers[i]);
        else if (!on && shown[i]) group.removeLayers(layers[i]);
      });
    }
    shown = wanted;
  }

  function fit(bounds) {
    if (bounds && bounds.isValid()) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 9 });
    else map.setView([20, 0], 2);
  }

  function bounds(counts) { // counts(i): whether article i's places count
    var all = L.latLngBounds([]);
    articles.forEach(function (article, i) { if (article.focus && counts(i)) all.extend(article.focus); });
    return all;
  }

  function showList() {
    current = -1;
    reader.hidden = true;
    list.hidden = false;
    map.closePopup();
    apply();
    fit(bounds(function (i) { return toggles[i].checked; }));
  }

  function select(i, key) {
    var article = articles[i];
    current = i;
    list.hidden = true;
    reader.hidden = false;
    reader.style.setProperty("--accent", article.colour);
    reader.style.setProperty("--accent-pale", article.colour + "17");
    text.replaceChildren(document.getElementById("combined-article-" + i).content.cloneNode(true));
    switcher.value = article.id;
    ownMap.href = article.href;
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

  function open(i, key) {
    var marker = byKey[i][key];
    if (!marker) return;
    if (data.clustered) group.zoomToShowLayer(marker, function () { marker.openPopup(); });
    else marker.openPopup();
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
