/*
 * Convene embed: shows a Convene booking page inside another site, inline, in a
 * popup dialog, or behind a floating button. Hand-written, dependency-free and
 * served as is from {PUBLIC_URL}/embed.js (Vite copies web/public unchanged).
 *
 *   <div data-convene-inline data-url="https://book.example/ada/intro"></div>
 *   <button data-convene-popup data-url="…" data-name="Pat" data-email="pat@x.example">Book</button>
 *   <script src="https://book.example/embed.js" data-convene-floating data-url="…" data-label="Book a call"></script>
 *   Convene.inline({ url, parent, prefill: { name, email, company, topic, lead, utm_source, … }, onEvent })
 *   Convene.popup({ url, prefill, onEvent }) · Convene.floating({ url, label, prefill, onEvent })
 *
 * The page in the frame posts convene:ready, convene:resize, convene:slot_chosen
 * and convene:booked to this window, and only here if the site is on the
 * organisation's allow-list. This script accepts a message only from the Convene
 * origin it was loaded from AND from the window of its own frame, resizes the
 * frame, and dispatches each event as a DOM CustomEvent (bubbling) on the
 * widget's element and to onEvent. Events carry no secrets.
 */
(function () {
  "use strict";
  if (window.Convene && window.Convene.version) return;

  var script = document.currentScript;
  var CONVENE_ORIGIN = script && script.src ? new URL(script.src).origin : location.origin;
  var PREFILL_KEYS = ["name", "email", "company", "topic", "lead"];
  var UTM_KEYS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];
  var EVENTS = ["convene:ready", "convene:resize", "convene:slot_chosen", "convene:booked", "convene:close"];
  var MIN_HEIGHT_PX = 200;
  var MAX_HEIGHT_PX = 10000;

  /** The iframe address: the booking page in embedded mode, told this page's origin, with prefill and UTM. */
  function frameUrl(url, prefill) {
    var target = new URL(url, CONVENE_ORIGIN);
    if (target.origin !== CONVENE_ORIGIN) throw new Error("Convene embed: " + url + " is not a page of " + CONVENE_ORIGIN);
    target.searchParams.set("embed", "1");
    target.searchParams.set("parent", location.origin);
    var given = prefill || {};
    var here = new URLSearchParams(location.search);
    PREFILL_KEYS.concat(UTM_KEYS).forEach(function (key) {
      var value = given[key];
      // The site's own UTM parameters travel on unless the snippet names others.
      if ((value === undefined || value === null || value === "") && UTM_KEYS.indexOf(key) >= 0) value = here.get(key);
      if (value !== undefined && value !== null && String(value) !== "") target.searchParams.set(key, String(value));
    });
    return target.toString();
  }

  /** Prefill from an element's data-name, data-email, …, data-utm-source, … attributes. */
  function prefillOf(element) {
    var prefill = {};
    PREFILL_KEYS.forEach(function (key) {
      if (element.dataset[key]) prefill[key] = element.dataset[key];
    });
    UTM_KEYS.forEach(function (key) {
      var name = key.replace(/_(\w)/g, function (_match, letter) { return letter.toUpperCase(); });
      if (element.dataset[name]) prefill[key] = element.dataset[name];
    });
    return prefill;
  }

  function makeFrame(url, prefill, title) {
    var frame = document.createElement("iframe");
    frame.src = frameUrl(url, prefill);
    frame.title = title || "Book a meeting";
    frame.setAttribute("allow", "clipboard-write");
    frame.style.cssText = "display:block;width:100%;height:640px;border:0;background:transparent;color-scheme:normal";
    return frame;
  }

  /** Listens for the frame's events: Convene's origin, this frame's window, a known type; resizes on convene:resize. */
  function listen(frame, element, onEvent, onClose) {
    function onMessage(event) {
      if (event.origin !== CONVENE_ORIGIN || event.source !== frame.contentWindow) return;
      var data = event.data;
      if (!data || typeof data !== "object" || EVENTS.indexOf(data.type) < 0) return;
      if (data.type === "convene:resize" && typeof data.height === "number" && isFinite(data.height)) {
        frame.style.height = Math.min(MAX_HEIGHT_PX, Math.max(MIN_HEIGHT_PX, Math.ceil(data.height))) + "px";
      }
      if (data.type === "convene:close" && onClose) onClose();
      var detail = JSON.parse(JSON.stringify(data));
      element.dispatchEvent(new CustomEvent(data.type, { detail: detail, bubbles: true }));
      if (typeof onEvent === "function") onEvent(detail);
    }
    window.addEventListener("message", onMessage);
    return function () {
      window.removeEventListener("message", onMessage);
    };
  }

  function elementOf(parent) {
    var element = typeof parent === "string" ? document.querySelector(parent) : parent;
    if (!element) throw new Error("Convene embed: no element " + parent);
    return element;
  }

  /** The booking page inside `parent` (an element or a selector), as tall as its content. */
  function inline(options) {
    var parent = elementOf(options.parent);
    var frame = makeFrame(options.url, options.prefill, options.title);
    parent.appendChild(frame);
    var stop = listen(frame, parent, options.onEvent);
    return {
      frame: frame,
      destroy: function () {
        stop();
        frame.remove();
      },
    };
  }

  /**
   * The booking page in a modal <dialog>: showModal() makes the rest of the page
   * inert (focus stays in the dialog) and Esc closes it; Esc pressed inside the
   * frame arrives as convene:close. Focus returns to whatever opened it.
   */
  function popup(options) {
    var opener = document.activeElement;
    var dialog = document.createElement("dialog");
    dialog.setAttribute("aria-label", options.title || "Book a meeting");
    dialog.style.cssText =
      "position:fixed;inset:0;width:100%;height:100%;max-width:none;max-height:none;margin:0;padding:0;border:0;" +
      "background:rgba(15,23,42,.55);display:flex;align-items:center;justify-content:center;";
    var panel = document.createElement("div");
    panel.style.cssText =
      "position:relative;width:min(1100px,calc(100vw - 24px));height:min(860px,calc(100vh - 24px));background:#fff;" +
      "border-radius:12px;box-shadow:0 20px 60px rgba(0,0,0,.35);overflow:auto;";
    var close = document.createElement("button");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.textContent = "\u00d7";
    close.style.cssText =
      "position:absolute;top:6px;right:6px;z-index:1;width:40px;height:40px;border:0;border-radius:50%;" +
      "background:rgba(15,23,42,.08);color:#0f172a;font:24px/1 system-ui,sans-serif;cursor:pointer;";
    var frame = makeFrame(options.url, options.prefill, options.title);
    frame.style.height = "100%";
    panel.appendChild(close);
    panel.appendChild(frame);
    dialog.appendChild(panel);
    document.body.appendChild(dialog);

    var isClosed = false;
    function shut() {
      if (isClosed) return;
      isClosed = true;
      stop();
      if (dialog.open) dialog.close();
      dialog.remove();
      if (opener && typeof opener.focus === "function") opener.focus();
    }
    // In a dialog the frame keeps its panel's height; resize events are still passed on.
    var stop = listen(frame, options.element || dialog, options.onEvent, shut);
    close.addEventListener("click", shut);
    dialog.addEventListener("close", shut);
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) shut();
    });
    dialog.showModal();
    frame.focus();
    return { frame: frame, dialog: dialog, close: shut };
  }

  /** A round button fixed at the bottom right that opens the popup. */
  function floating(options) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = options.label || "Book a meeting";
    button.setAttribute("data-convene-floating-button", "");
    button.style.cssText =
      "position:fixed;right:20px;bottom:20px;z-index:2147483000;min-height:48px;padding:0 20px;border:0;border-radius:999px;" +
      "background:" + (options.color || "#4f46e5") + ";color:#fff;font:600 16px/1 system-ui,sans-serif;cursor:pointer;" +
      "box-shadow:0 8px 24px rgba(0,0,0,.25);";
    button.addEventListener("click", function () {
      popup({ url: options.url, prefill: options.prefill, title: options.title, onEvent: options.onEvent, element: button });
    });
    document.body.appendChild(button);
    return {
      button: button,
      destroy: function () {
        button.remove();
      },
    };
  }

  /** Turns the marked elements of the page into widgets, each once. */
  function scan(root) {
    var scope = root || document;
    Array.prototype.forEach.call(scope.querySelectorAll("[data-convene-inline]:not([data-convene-ready])"), function (element) {
      element.setAttribute("data-convene-ready", "");
      inline({ url: element.dataset.url, parent: element, prefill: prefillOf(element), title: element.dataset.title });
    });
    Array.prototype.forEach.call(scope.querySelectorAll("[data-convene-popup]:not([data-convene-ready])"), function (element) {
      element.setAttribute("data-convene-ready", "");
      element.addEventListener("click", function (event) {
        event.preventDefault();
        popup({ url: element.dataset.url || element.getAttribute("href"), prefill: prefillOf(element), title: element.dataset.title, element: element });
      });
    });
    if (script && script.hasAttribute("data-convene-floating") && !script.hasAttribute("data-convene-ready")) {
      script.setAttribute("data-convene-ready", "");
      floating({ url: script.dataset.url, label: script.dataset.label, color: script.dataset.color, prefill: prefillOf(script) });
    }
  }

  window.Convene = { version: 1, origin: CONVENE_ORIGIN, inline: inline, popup: popup, floating: floating, scan: scan };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { scan(); });
  else scan();
})();
