// mapper reading view, edit mode: a reader fixes the map's pins (not a place, another place of the
// same name, or a point of their own) and downloads them as an overrides file that
// `mapper map --overrides FILE` applies on the next run. Off until the "Edit pins" button.
// #mapper-edit (mapper/render/editing.py) holds each place's names and candidates, and the run's own
// overrides for this article, which the downloaded file keeps.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("mapper-data").textContent);
  var edit = JSON.parse(document.getElementById("mapper-edit").textContent);
  var map = window[data.map];
  var section = map.getContainer().closest(".mapper-map");
  var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var markers = {}, origins = {}, unlinked = {};
  var changes = {}; // place key -> {kind: "remove"} | {kind: "move", to: candidate index} | {kind: "point", lat, lon}
  var history = []; // [place key, its change before] for each change, newest last: what Undo takes back
  var editing = false, saved = true, downloaded = false; // saved: the last download has every change
  var ui = {};

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function button(text, className, action) {
    var node = element("button", className, text);
    node.type = "button";
    node.addEventListener("click", action);
    return node;
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  function round(value) {
    return Math.round(value * 1e5) / 1e5; // about a metre
  }

  function name(key) {
    return edit.places[key].name;
  }

  function position(key) {
    var change = changes[key];
    if (change && change.kind === "move") {
      var to = edit.places[key].candidates[change.to];
      return L.latLng(to.lat, to.lon);
    }
    if (change && change.kind === "point") return L.latLng(change.lat, change.lon);
    return origins[key];
  }

  function describe(key) {
    var change = changes[key];
    if (!change) return "as mapped";
    if (change.kind === "remove") return "not a place";
    if (change.kind === "move") return "moved to " + edit.places[key].candidates[change.to].label;
    return "moved to " + change.lat.toFixed(5) + ", " + change.lon.toFixed(5);
  }

  // ---- what an edit does to the map and the text ----

  function linksOf(key) {
    return document.querySelectorAll('a.mention[data-place="' + CSS.escape(key) + '"]');
  }

  // A place that is no place is no link: its mentions become plain (struck) text until undone.
  function unlink(key) {
    if (unlinked[key]) return;
    unlinked[key] = [];
    linksOf(key).forEach(function (link) {
      var text = element("span", "mention is-removed", link.textContent);
      text.title = "Not a place (your edit)";
      link.replaceWith(text);
      unlinked[key].push([link, text]);
    });
  }

  function relink(key) {
    (unlinked[key] || []).forEach(function (pair) { pair[1].replaceWith(pair[0]); });
    delete unlinked[key];
  }

  function restyle(key) {
    var marker = markers[key], node = marker.getElement(), change = changes[key];
    if (node) {
      node.classList.toggle("is-edited", Boolean(change));
      node.setAttribute("aria-label", data.places[key].label + (change ? ", " + describe(key) : ""));
    }
    if (marker.dragging) marker.dragging[editing ? "enable" : "disable"]();
    linksOf(key).forEach(function (link) {
      link.classList.toggle("is-edited", Boolean(change));
    });
  }

  function apply(key) {
    var marker = markers[key];
    if (changes[key] && changes[key].kind === "remove") {
      marker.closePopup();
      map.removeLayer(marker);
      unlink(key);
    } else {
      relink(key);
      marker.setLatLng(position(key));
      if (!map.hasLayer(marker)) marker.addTo(map);
    }
    restyle(key);
    var popup = marker.getPopup();
    if (popup && popup.isOpen()) popup.update();
  }

  function set(key, change) {
    if (change) changes[key] = change;
    else delete changes[key];
    saved = false;
    apply(key);
    update();
  }

  function record(key, change) {
    history.push([key, changes[key]]);
    set(key, change);
  }

  function undo() {
    var last = history.pop();
    if (!last) return;
    var key = last[0];
    set(key, last[1]);
    announce("Undone: " + name(key) + " is " + describe(key) + ". " + countText());
  }

  // ---- the tools in a place's popup ----

  function show(key) {
    var marker = markers[key], to = marker.getLatLng();
    if (!map.getBounds().pad(-0.1).contains(to)) map.setView(to, map.getZoom(), { animate: !still });
    marker.openPopup();
    var status = marker.getPopup().getElement().querySelector(".edit-status");
    if (status) status.focus();
  }

  function remove(key) {
    record(key, { kind: "remove" });
    announce(name(key) + " is not a place: removed from the map and the text. " + countText());
    ui.undo.focus();
  }

  function move(key, change) {
    record(key, change);
    announce(name(key) + " " + describe(key) + ". " + countText());
    show(key);
  }

  function coordinatesForm(key) {
    var form = element("form", "edit-point");
    var here = markers[key].getLatLng();
    var fields = element("div", "edit-fields");
    [["lat", "Latitude", -90, 90, here.lat], ["lon", "Longitude", -180, 180, here.lng]].forEach(function (f) {
      var label = element("label", "", f[1]);
      var input = element("input");
      input.name = f[0];
      input.type = "number";
      input.step = "any";
      input.min = f[2];
      input.max = f[3];
      input.required = true;
      input.value = round(f[4]);
      label.append(input);
      fields.append(label);
    });
    form.append(fields, element("button", "edit-button", "Move pin here"));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!form.reportValidity()) return;
      var lat = round(Number(form.elements.lat.value)), lon = round(Number(form.elements.lon.value));
      move(key, { kind: "point", lat: lat, lon: lon });
    });
    return form;
  }

  function tools(key) {
    var place = edit.places[key], change = changes[key];
    var box = element("section", "edit-tools");
    box.setAttribute("aria-label", "Fix this pin");
    box.tabIndex = -1;
    var status = element("p", "edit-status", change ? "Your edit: " + describe(key) + "." :
      "Wrong pin? Remove it, move it, or drag it on the map.");
    status.tabIndex = -1;
    if (change) status.append(" ", button("Undo", "edit-link", function () { record(key, null); show(key); }));
    box.append(status, button("Not a place", "edit-button edit-remove", function () { remove(key); }));
    if (place.candidates.length) {
      var heading = element("p", "edit-label", "Move to");
      heading.id = "edit-move-" + key;
      var list = element("ul", "edit-candidates");
      list.setAttribute("aria-labelledby", heading.id);
      place.candidates.forEach(function (candidate, index) {
        var chosen = change && change.kind === "move" && change.to === index;
        var item = element("li");
        var pick = button(candidate.label, "edit-candidate", function () {
          move(key, { kind: "move", to: index });
        });
        pick.setAttribute("aria-label", "Move to " + candidate.label);
        if (chosen) {
          pick.disabled = true;
          pick.setAttribute("aria-label", "Moved to " + candidate.label);
        }
        item.append(pick);
        list.append(item);
      });
      box.append(heading, list);
    }
    var coordinates = element("details", "edit-coordinates");
    coordinates.append(element("summary", "", "Enter coordinates"), coordinatesForm(key));
    box.append(coordinates);
    // An action rebuilds the popup, taking its button out of the page before the click reaches the
    // map, which would no longer see that it came from the popup and close it: it stops here.
    box.addEventListener("click", function (event) { event.stopPropagation(); });
    box.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      markers[key].closePopup();
      var node = markers[key].getElement();
      if (node) node.focus();
    });
    return box;
  }

  // The popup's content is built at each opening: the place's popup, and the tools while editing.
  function popupContent(key) {
    return function () {
      var box = element("div");
      box.innerHTML = data.places[key].popup; // escaped HTML built by mapper/render/popups.py
      if (editing) box.insertBefore(tools(key), box.querySelector(".popup-mentions"));
      return box;
    };
  }

  // ---- the file ----

  function field(value) {
    var text = value === undefined || value === null ? "" : String(value);
    return /[",\r\n]|^\s|\s$/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // The run's entries for this article, then an entry per name of each edited place. An edit
  // replaces the run's entry for the same name; for every article, it replaces it too, since an
  // entry for this article would beat the new one here.
  function entries() {
    var article = ui.scope.value === "all" ? "" : edit.article;
    var edited = {}, rows = [];
    Object.keys(changes).forEach(function (key) {
      var change = changes[key];
      edit.places[key].names.forEach(function (n) {
        var row = { name: n.name, article: article };
        if (change.kind === "remove") row.not_a_place = "yes";
        else if (change.kind === "move") Object.assign(row, edit.places[key].candidates[change.to].fields);
        else Object.assign(row, { lat: change.lat, lon: change.lon, label: name(key) });
        edited[n.key] = true;
        rows.push(row);
      });
    });
    return edit.kept.filter(function (k) { return !edited[k.key]; })
      .map(function (k) { return k.row; })
      .concat(rows);
  }

  function csv(rows) {
    var lines = [edit.fields.join(",")].concat(rows.map(function (row) {
      return edit.fields.map(function (f) { return field(row[f]); }).join(",");
    }));
    return "\ufeff" + lines.join("\r\n") + "\r\n"; // the BOM tells spreadsheets it is UTF-8
  }

  function download() {
    var url = URL.createObjectURL(new Blob([csv(entries())], { type: "text/csv;charset=utf-8" }));
    var link = element("a");
    link.href = url;
    link.download = edit.file;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    saved = downloaded = true;
    update();
    announce("Downloaded " + edit.file + ".");
  }

  // ---- the panel ----

  function countText() {
    var count = Object.keys(changes).length;
    return count ? plural(count, "change") : "No changes yet";
  }

  function announce(text) {
    ui.live.textContent = "";
    setTimeout(function () { ui.live.textContent = text; }, 50); // read out even when repeated
  }

  function update() {
    var keys = Object.keys(changes);
    ui.next.hidden = !(downloaded && saved); // "Saved as ..." only while it is true
    ui.count.hidden = keys.length > 0;
    ui.changes.hidden = keys.length === 0;
    ui.summary.textContent = countText();
    ui.toggle.querySelector(".edit-badge").textContent = keys.length ? String(keys.length) : "";
    ui.undo.disabled = history.length === 0;
    ui.download.disabled = keys.length === 0 && edit.kept.length === 0;
    ui.list.replaceChildren();
    keys.forEach(function (key) {
      var item = element("li");
      item.append(element("strong", "", name(key)), " " + describe(key) + " ");
      item.append(button("Undo", "edit-link", function () {
        record(key, null);
        announce(name(key) + " is back as mapped. " + countText());
        (keys.length > 1 ? ui.summary : ui.undo).focus();
      }));
      ui.list.append(item);
    });
  }

  function toggle() {
    editing = !editing;
    ui.toggle.setAttribute("aria-pressed", String(editing));
    ui.body.hidden = !editing;
    section.classList.toggle("is-editing", editing);
    map.invalidateSize({ pan: false }); // a phone's map is taller while editing (edit.css)
    Object.keys(markers).forEach(function (key) {
      restyle(key);
      var popup = markers[key].getPopup();
      if (popup && popup.isOpen()) popup.update();
    });
    announce(editing ? "Editing pins. Open a pin to remove it or move it, or drag it." : "Done editing.");
  }

  function panel() {
    var box = element("div", "edit-panel");
    ui.toggle = button("", "edit-toggle", toggle);
    ui.toggle.setAttribute("aria-pressed", "false");
    ui.toggle.innerHTML = '<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">' +
      '<path d="M11.5 1.8l2.7 2.7-8.6 8.6-3.4.7.7-3.4z M10 3.3l2.7 2.7" /></svg>' +
      '<span class="edit-toggle-text">Edit pins</span><span class="edit-badge" aria-hidden="true"></span>';
    ui.body = element("div", "edit-body");
    ui.body.hidden = true;
    var intro = element("p", "edit-intro", "Open a pin to remove it or move it, or drag it. Your changes show in blue.");
    ui.count = element("p", "edit-count", countText());
    ui.changes = element("details", "edit-changes");
    ui.summary = element("summary");
    ui.list = element("ul");
    ui.changes.append(ui.summary, ui.list);
    var scope = element("label", "edit-scope");
    ui.scope = element("select");
    [["article", "this article"], ["all", "every article"]].forEach(function (option) {
      var node = element("option", "", option[1]);
      node.value = option[0];
      ui.scope.append(node);
    });
    scope.append(element("span", "", "Apply to "), ui.scope);
    ui.scope.addEventListener("change", function () {
      saved = false;
      update();
    });
    ui.undo = button("Undo", "edit-button edit-undo", undo);
    ui.download = button("Download overrides", "edit-button edit-primary edit-download", download);
    var done = button("Done", "edit-button edit-done", toggle);
    var kept = edit.kept.length;
    var keptNote = element("p", "edit-note", "The file also keeps " + (kept === 1 ? "1 entry" : kept + " entries") +
      " for this article from the overrides this map was made with.");
    keptNote.hidden = !kept;
    ui.next = element("p", "edit-note");
    ui.next.append("Saved as " + edit.file + ". To apply it, map the story again: ",
      element("code", "", edit.command));
    ui.next.hidden = true;
    ui.live = element("p", "edit-live");
    ui.live.setAttribute("role", "status");
    ui.body.append(intro, ui.count, ui.changes, scope, ui.undo, ui.download, done, keptNote, ui.next);
    box.append(ui.toggle, ui.body, ui.live);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    box.addEventListener("click", function (event) { event.stopPropagation(); }); // as in tools()
    return box;
  }

  var control = L.control({ position: "bottomleft" }); // where popups, opening upward, seldom reach
  control.onAdd = panel;
  control.addTo(map);

  Object.keys(data.places).forEach(function (key) {
    var marker = window[data.places[key].layer];
    markers[key] = marker;
    origins[key] = marker.getLatLng();
    marker.getPopup().setContent(popupContent(key));
    marker.on("add", function () { restyle(key); }); // Leaflet draws a new icon at each adding
    marker.on("dragend", function () {
      var to = marker.getLatLng().wrap();
      move(key, { kind: "point", lat: round(to.lat), lon: round(to.lng) });
    });
    marker.on("popupopen", function () {
      if (!editing) return;
      var box = marker.getPopup().getElement().querySelector(".edit-tools");
      if (box && !box.contains(document.activeElement)) box.focus({ preventScroll: true });
    });
  });
  update();

  window.addEventListener("beforeunload", function (event) {
    if (saved || !Object.keys(changes).length) return;
    event.preventDefault();
    event.returnValue = ""; // the browser asks before dropping changes not downloaded
  });
})();
