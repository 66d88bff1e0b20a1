// The widget's half of auto-height (the host's half is embed.js). Inside a
// frame on the widget's route (#/embed/...), it reports the page's height to
// the parent whenever it changes, as { type: 'go-pitfall:height', height }.
// It only sends: it listens to no message, so nothing a host page or another
// frame posts can steer the widget. The height is not a secret, so it is
// posted to any origin (the frame cannot know its host's). Anywhere else (the
// site itself, a frame on another route) it does nothing. Plain JavaScript,
// loaded by index.html, so the wasm carries none of this.
(function () {
  'use strict';
  if (window.parent === window || !/^#\/embed(?:[/?]|$)/.test(location.hash)) return;
  if (typeof ResizeObserver !== 'function') return;
  var root = document.documentElement;
  var last = -1;
  function report() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'go-pitfall:height', height: height }, '*');
  }
  new ResizeObserver(report).observe(root);
  report();
})();
