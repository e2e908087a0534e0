/*
 * Offline copy only (mkdocs.offline.yml lists this file in extra.polyfills).
 *
 * Opened from disk (file://), Chromium refuses `new Worker(...)`, so Material's search
 * worker could never start. This replaces Worker with a hidden iframe that runs the
 * worker script as an ordinary page: messages travel by postMessage, and importScripts
 * appends <script> tags and returns a Promise (Material's search worker awaits it).
 * Material's offline plugin would otherwise add a copy from unpkg.com; the file name
 * contains "iframe-worker" so it does not, and the copy requests nothing from outside.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") {
    return;
  }

  // Runs inside the iframe: the worker's global functions.
  function workerPostMessage(message) {
    parent.postMessage(message, "*");
  }
  function workerImportScripts() {
    var urls = Array.prototype.slice.call(arguments);
    return urls.reduce(function (loaded, url) {
      return loaded.then(function () {
        return new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = function () { resolve(); };
          script.onerror = function () { reject(new Error("cannot load " + url)); };
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  }

  function FrameWorker(url) {
    var events = new EventTarget();
    var self = this;
    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.title = "search";
    document.body.appendChild(frame);
    var scope = frame.contentWindow;
    var ready = new Promise(function (resolve) {
      frame.addEventListener("load", resolve);
    });
    // Relative importScripts URLs resolve against the worker script, as in a real worker.
    var script = new URL(url, location.href).href.replace(/"/g, "&quot;");
    scope.document.open();
    scope.document.write(
      "<!doctype html><html><head><base href=\"" + script + "\"></head><body><script>" +
        "postMessage=" + workerPostMessage + ";" +
        "importScripts=" + workerImportScripts + ";" +
      "<\/script><script src=\"" + script + "\"><\/script>" +
      "</body></html>"
    );
    scope.document.close();

    window.addEventListener("message", function (ev) {
      if (ev.source !== scope) {
        return;
      }
      var relayed = new MessageEvent("message", { data: ev.data });
      events.dispatchEvent(relayed);
      if (typeof self.onmessage === "function") {
        self.onmessage(relayed);
      }
    });

    this.onmessage = null;
    this.onerror = null;
    this.addEventListener = events.addEventListener.bind(events);
    this.removeEventListener = events.removeEventListener.bind(events);
    this.dispatchEvent = events.dispatchEvent.bind(events);
    this.postMessage = function (data) {
      ready.then(function () {
        scope.dispatchEvent(new MessageEvent("message", { data: data }));
      });
    };
    this.terminate = function () {
      frame.remove();
    };
  }

  window.Worker = FrameWorker;
})();
