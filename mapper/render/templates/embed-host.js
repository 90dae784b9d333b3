(function () {
  // mapper embed: give the iframe above the height its map asks for, as the column's width changes.
  var frame = document.currentScript && document.currentScript.previousElementSibling;
  if (!frame || frame.tagName !== "IFRAME") return;
  window.addEventListener("message", function (event) {
    if (event.source !== frame.contentWindow) return; // only this iframe: any frame can post here
    var height = event.data && event.data["mapper-embed-height"];
    if (typeof height === "number" && height > 0 && height < 5000) {
      frame.style.height = Math.ceil(height) + "px";
    }
  });
})();
