/* Go Pitfalls widget: <go-pitfall case="lock-and-full-channel"></go-pitfall>,
 * or <go-pitfall><pre>package main ...</pre></go-pitfall>. See docs/embed.md.
 *
 * Defines <go-pitfall>. Each element becomes an iframe of the site this
 * script comes from (#/embed/<case>?<options>), created only when the
 * element nears the viewport, so a page of many widgets loads nothing until
 * one is about to be seen (and the browser then caches the wasm once for
 * all). Inline code is carried in the frame's URL the way share links carry
 * edited code (`code=`: a format byte, LZ77, base64url; the app's
 * src/playground/share.rs reads it), so no server is involved. With
 * height="auto" (the default) the frame reports its height (static/frame.js)
 * and this script sizes it, accepting only messages from that very frame and
 * the site's origin. No eval, no inline styles or markup: it works under a
 * strict Content-Security-Policy that allows this script and frames from the
 * site. Plain JavaScript, no wasm of its own.
 */
(function () {
  'use strict';
  if (!window.customElements || customElements.get('go-pitfall')) return;

  var script = document.currentScript || document.querySelector('script[src$="embed.js"]');
  var BASE = new URL('./', script ? script.src : location.href);
  var ORIGIN = BASE.origin;
  var MESSAGE = 'go-pitfall:height';
  var DEFAULT_HEIGHT = 460;
  var SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';
  var OPTIONS = ['lang', 'theme', 'controls', 'go', 'fix', 'step'];

  // ---- Inline code as share links write it (`code=`) ----

  // LZ77 in the format of share.rs's `compress`: 0x00..0x7f n = n+1 literal
  // bytes follow; 0x80|(len-3) = a match of len (3..130) bytes, then its
  // distance (1..65535) as a LEB128 varint.
  function compress(input) {
    var n = input.length;
    var out = [];
    var head = new Map();
    var prev = new Int32Array(n);
    var start = 0;
    var i = 0;
    function key(at) {
      return input[at] | (input[at + 1] << 8) | (input[at + 2] << 16);
    }
    function insert(at) {
      if (at + 3 > n) return;
      var k = key(at);
      var h = head.get(k);
      prev[at] = h === undefined ? -1 : h;
      head.set(k, at);
    }
    function literals(end) {
      while (start < end) {
        var count = Math.min(128, end - start);
        out.push(count - 1);
        for (var k = 0; k < count; k++) out.push(input[start + k]);
        start += count;
      }
    }
    while (i < n) {
      var bestLen = 0;
      var bestDist = 0;
      if (i + 3 <= n) {
        var candidate = head.get(key(i));
        var chain = 0;
        var limit = Math.min(n - i, 130);
        while (candidate !== undefined && candidate >= 0 && chain < 48 && i - candidate < 65536) {
          var len = 0;
          while (len < limit && input[candidate + len] === input[i + len]) len++;
          if (len > bestLen) {
            bestLen = len;
            bestDist = i - candidate;
            if (len === limit) break;
          }
          candidate = prev[candidate];
          chain++;
        }
      }
      if (bestLen >= 3) {
        literals(i);
        out.push(0x80 | (bestLen - 3));
        var d = bestDist;
        while (d >= 0x80) {
          out.push((d & 0x7f) | 0x80);
          d >>>= 7;
        }
        out.push(d);
        for (var at = i; at < i + bestLen; at++) insert(at);
        i += bestLen;
        start = i;
      } else {
        insert(i);
        i++;
      }
    }
    literals(n);
    return out;
  }

  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  function base64url(bytes) {
    var out = '';
    for (var i = 0; i < bytes.length; i += 3) {
      var rest = bytes.length - i;
      var v = (bytes[i] << 16) | ((rest > 1 ? bytes[i + 1] : 0) << 8) | (rest > 2 ? bytes[i + 2] : 0);
      var chars = Math.min(rest, 3) + 1;
      for (var k = 0; k < chars; k++) out += B64.charAt((v >> (18 - 6 * k)) & 63);
    }
    return out;
  }

  function encodeCode(source) {
    return base64url([1].concat(compress(new TextEncoder().encode(source))));
  }

  // ---- The element ----

  function inlineCode(element) {
    var pre = element.querySelector('pre');
    var text = pre ? pre.textContent : element.textContent;
    // The line break after <pre> is the host's markup, not the program's.
    text = text.replace(/^\r?\n/, '');
    return /\S/.test(text) ? text : null;
  }

  function frameUrl(element) {
    var name = element.getAttribute('case');
    var params = [];
    OPTIONS.forEach(function (option) {
      var value = element.getAttribute(option);
      if (value === null && option === 'theme') {
        // No theme given: follow the host reader's colour scheme.
        value = window.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
      }
      if (value !== null) params.push(option + '=' + encodeURIComponent(value.trim()));
    });
    var code = element.codeText;
    if (code !== null) params.push('code=' + encodeCode(code));
    var route = name === null ? '#/embed' : '#/embed/' + encodeURIComponent(name.trim());
    return BASE.href + route + '?' + params.join('&');
  }

  /** Fixed pixels from height="480" or "480px"; null for auto. */
  function fixedHeight(element) {
    var match = /^\s*(\d{2,5})(px)?\s*$/.exec(element.getAttribute('height') || '');
    return match ? Number(match[1]) : null;
  }

  var autoFrames = new Set();

  window.addEventListener('message', function (event) {
    if (event.origin !== ORIGIN) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== MESSAGE) return;
    var height = data.height;
    if (typeof height !== 'number' || !isFinite(height)) return;
    autoFrames.forEach(function (frame) {
      if (frame.contentWindow === event.source) {
        frame.style.height = Math.max(80, Math.min(20000, Math.ceil(height))) + 'px';
      }
    });
  });

  var observer =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver(
          function (entries) {
            entries.forEach(function (entry) {
              if (entry.isIntersecting) entry.target.load();
            });
          },
          { rootMargin: '200px 0px' },
        )
      : null;

  class GoPitfall extends HTMLElement {
    static get observedAttributes() {
      return ['case', 'lang', 'go', 'theme', 'step', 'fix', 'controls', 'height'];
    }

    connectedCallback() {
      this.style.display = 'block';
      if (this.codeText === undefined && document.readyState === 'loading') {
        // Parsed before its children (a script without defer): wait for them.
        var self = this;
        document.addEventListener('DOMContentLoaded', function () {
          self.connectedCallback();
        });
        return;
      }
      if (this.codeText === undefined) this.codeText = inlineCode(this);
      if (this.frame) {
        autoFrames.add(this.frame);
      } else if (observer) {
        observer.observe(this);
      } else {
        this.load();
      }
    }

    disconnectedCallback() {
      if (observer) observer.unobserve(this);
      if (this.frame) autoFrames.delete(this.frame);
    }

    attributeChangedCallback() {
      // A new frame, not a new fragment: the widget reads its language and
      // theme when its page loads.
      if (!this.frame) return;
      autoFrames.delete(this.frame);
      this.frame.remove();
      this.frame = null;
      this.load();
    }

    load() {
      if (this.frame) return;
      if (observer) observer.unobserve(this);
      var frame = document.createElement('iframe');
      var fixed = fixedHeight(this);
      frame.setAttribute('sandbox', SANDBOX);
      frame.setAttribute('referrerpolicy', 'no-referrer');
      frame.title = 'Go Pitfalls: ' + (this.getAttribute('case') || 'Go program');
      frame.style.display = 'block';
      frame.style.width = '100%';
      frame.style.border = '0';
      frame.style.height = (fixed || DEFAULT_HEIGHT) + 'px';
      frame.src = frameUrl(this);
      if (fixed === null) autoFrames.add(frame);
      // The inline code stays in the page, out of sight, as its source
      // (bare text, already read, goes).
      Array.prototype.slice.call(this.childNodes).forEach(function (node) {
        if (node.nodeType === 1) node.hidden = true;
        else if (node.nodeType === 3) node.remove();
      });
      this.frame = frame;
      this.appendChild(frame);
    }
  }

  customElements.define('go-pitfall', GoPitfall);
})();
