// The live netpoller page: wires live.html to the model in live-model.js. It owns the page's
// strings (English and Simplified Chinese: this page is not part of the wasm app, so it cannot
// use src/i18n.rs), the WebSocket to epoll-echo's `--trace-ws` on loopback, the replay of
// trace files, and drawing.
//
// It must not put anything from a trace into the page as HTML: every string from a trace goes
// in through textContent (the page builds elements with createElement). It must not connect
// anywhere but 127.0.0.1 or localhost, and nothing it is given (a port, a file, a frame) may
// throw to the console: every failure becomes a message on the page.

import {
  apply, eventsPerSecond, loopFds, newModel, noteProblem, parseMessage, parseTrace, PD,
} from './live-model.js';

/** Hosts the page connects to: the server's `--trace-ws` only listens on loopback. */
const HOSTS = new Set(['127.0.0.1', 'localhost']);
/** The trace the site ships, recorded from the real server (crates/epoll-echo/bench/record-trace.sh). */
const SHIPPED = 'netpoll-trace.jsonl';
/** The biggest file the page replays (the shipped one is about 230 KB). */
const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Descriptor rows drawn per loop; the rest are counted. */
const FD_ROWS = 48;
/** How often the picture is redrawn while events stream in. */
const DRAW_MS = 200;
/** The app's settings in localStorage (src/platform.rs SETTINGS_KEY): `lang=zh;theme=dark`. */
const SETTINGS_KEY = 'gopitfalls.settings';

const TEXT = {
  en: {
    pageTitle: 'Live netpoller · Go Pitfalls',
    back: '← Go Pitfalls',
    language: 'Language',
    title: 'Live netpoller',
    intro: 'A real epoll server, drawn the way the talk explains Go\'s netpoller: each event loop has one epoll instance; each descriptor has a pollDesc whose rg and wg say whether a task is parked waiting to read or write; each epoll_wait returns a batch of ready descriptors, and netpollready puts their parked tasks back on the run queue. Watch a server running on your machine, or replay a trace recorded from one.',
    sources: 'Where the trace comes from',
    liveHeading: 'A running server',
    liveHint: 'Start epoll-echo with a trace viewer on loopback, then connect. The page receives trace events only, never the bytes clients send.',
    host: 'Host',
    port: 'Port',
    portHelp: 'The port of --trace-ws (the server prints "trace viewer on ws://…"). Only 127.0.0.1 and localhost are allowed.',
    connect: 'Connect',
    disconnect: 'Disconnect',
    replayHeading: 'A recorded trace',
    replayHint: 'The site ships a trace recorded from the real server (2 event loops, 20 connections under the bench\'s load). You can also replay a file written with --trace-file.',
    loadShipped: 'Replay the recorded trace',
    pickFile: 'Replay a trace file…',
    step: 'Step',
    nextWait: 'Next epoll_wait',
    play: 'Play',
    pause: 'Pause',
    speed: 'Speed',
    slow: 'slow',
    medium: 'medium',
    fast: 'fast',
    toEnd: 'To the end',
    position: 'Position',
    positionOf: (n, total) => `message ${fmt(n)} of ${fmt(total)}`,
    counters: 'Counters',
    loops: 'Event loops',
    loopsHint: 'rg and wg are rebuilt from the events: a gap in the trace (dropped events) makes them unknown until the next park or ready.',
    log: 'Latest events',
    legend: 'Reading the pollDesc states',
    footer: 'This page runs in your browser. It connects only to a server on your own machine, and only when you ask.',
    c: {
      accepts: 'accepts', shed: 'shed (out of fds)', reads: 'reads', writes: 'writes', eagain: 'EAGAIN',
      parks: 'parks', readies: 'netpollready', closes: 'closes', epollWaits: 'epoll_wait calls',
      meanBatch: 'fds per epoll_wait', bytesIn: 'bytes read', dropped: 'dropped (viewer fell behind)',
      capped: 'left out of the file (cap)', rate: 'events/s (trace time)', malformed: 'malformed messages',
      open: 'open connections',
    },
    loopTitle: (id, epfd, listener) => `Loop ${id}` + (epfd !== null ? ` · epfd ${epfd}` : '') + (listener !== null ? ` · listener fd ${listener}` : ''),
    serverCounters: (s) => `server's own counters: ${fmt(s.active)} active, ${fmt(s.accepted)} accepted, ${fmt(s.netpoll_wakeups)} netpoll wake-ups, ${fmt(s.parks)} parks`,
    batches: 'Ready batches, newest first',
    noBatches: 'No epoll_wait yet.',
    batch: (b) => `epoll_wait(timeout=${b.timeout === null ? '?' : b.timeout}) → ${fmt(b.total)} ready`,
    fdsCaption: (id) => `Descriptors of loop ${id}`,
    cols: ['fd', 'what', 'rg (read)', 'wg (write)', 'reads', 'writes', 'state'],
    listener: 'listener',
    conn: (peer) => (peer ? `conn ${peer}` : 'conn'),
    open: 'open',
    closed: (reason) => `closed (${reason})`,
    moreFds: (n) => `… and ${fmt(n)} more descriptors not drawn`,
    pd: { pdNil: 'pdNil', pdReady: 'pdReady', pdWait: 'pdWait', parked: 'parked', unknown: 'unknown' },
    legendItems: [
      ['pdNil', 'Nothing recorded and nobody waiting.'],
      ['pdReady', 'The descriptor became ready while nobody waited; the next read or write that would block consumes it and retries at once.'],
      ['pdWait', 'A read or write got EAGAIN and the task is about to park (netpollblock).'],
      ['parked', 'The task is parked on this semaphore (gopark). The next epoll_wait that reports the descriptor readies it (netpollready) and it runs again.'],
      ['unknown', 'Events were dropped since the last park or ready for this descriptor.'],
    ],
    ev: {
      epoll_wait: (e) => `epoll_wait(${e.epfd}, timeout=${e.timeout}) = ${e.n}`,
      accept: (e) => `accept4(${e.listener}) = fd ${e.fd} from ${e.peer}`,
      accept_shed: (e) => `accept4(${e.listener}): ${e.errno}, connection shed`,
      io: (e) => `${e.op}(${e.fd}, ${e.len}) = ${e.ret}${e.errno ? ' ' + e.errno : ''}`,
      park: (e) => `gopark fd ${e.fd} on ${e.mode === 'write' ? 'wg' : 'rg'} (${e.cause})`,
      ready: (e) => `netpollready fd ${e.fd} ${e.mode === 'write' ? 'wg' : 'rg'} → run queue`,
      close: (e) => `close(${e.fd}) (${e.reason})`,
      shutdown: (e) => `shutdown: ${e.cause}`,
      gap: (e) => `${fmt(e.n)} events dropped here: pollDesc states unknown`,
      summary: (e) => `server stopped (${e.cause})`,
    },
    loopPrefix: (id) => `[loop ${id}] `,
    noTrace: 'Nothing drawn yet: replay the recorded trace or connect to a running server.',
    sourceLive: (url, hello) => `Live from ${url}` + (hello ? `: epoll-echo ${hello.version}, pid ${hello.pid}, echo server ${hello.addr}, ${hello.loops} loops` : ''),
    sourceFile: (name, hello) => `Replaying ${name}` + (hello ? `: recorded from epoll-echo ${hello.version} at ${hello.addr}, ${hello.loops} loops` + (hello.maxEvents ? `, first ${fmt(hello.maxEvents)} per-message events kept` : '') : ''),
    shippedName: 'the recorded trace',
    status: {
      connecting: (url) => `Connecting to ${url}…`,
      connected: (url) => `Connected to ${url}. Put load on the echo server to see events.`,
      closedBySummary: 'The server stopped and sent its summary; the connection is closed.',
      closed: 'The connection to the server closed.',
      disconnected: 'Disconnected.',
      loading: 'Loading the trace…',
      loaded: (n, name) => `Loaded ${fmt(n)} ${n === 1 ? 'message' : 'messages'} from ${name}. Step through it or press Play.`,
    },
    err: {
      port: (v) => `"${v}" is not a port: enter a whole number from 1 to 65535.`,
      host: (h) => `Refusing to connect to "${h}": this page connects only to 127.0.0.1 or localhost.`,
      refused: (url) => `Could not connect to ${url}. Is epoll-echo running with --trace-ws on that port? (Start it with the command above.)`,
      noWebSocket: 'This browser has no WebSocket support.',
      lost: (url) => `The connection to ${url} was lost.`,
      notHello: 'The first message was not "hello": this may not be an epoll-echo trace.',
      schema: (v) => `The server speaks trace schema ${v}; this page knows schema 1, so some parts may be missing.`,
      fetch: (what) => `Could not load ${what}.`,
      tooBig: (n) => `This file is ${fmt(n)} bytes; the page replays files up to ${fmt(MAX_FILE_BYTES)} bytes.`,
      read: (name) => `Could not read ${name}.`,
      empty: (name) => `${name} holds no trace messages (one JSON object per line, each with "type" and "t_us").`,
      malformed: (n, examples) => `${fmt(n)} malformed ${n === 1 ? 'message was' : 'messages were'} skipped` + (examples ? `: ${examples}` : '.'),
      line: (line, what) => (line === null ? what : `line ${fmt(line)} ${what}`),
      why: { json: 'is not JSON', object: 'is not a JSON object', type: 'has no "type"', t_us: 'has no "t_us"', long: 'is too long' },
    },
  },
  zh: {
    pageTitle: '实时 netpoller · Go 并发陷阱',
    back: '← Go 并发陷阱',
    language: '语言',
    title: '实时 netpoller',
    intro: '一个真实的 epoll 服务器，按分享中讲解 Go netpoller 的方式画出来：每个事件循环有一个 epoll 实例；每个描述符有一个 pollDesc，它的 rg 和 wg 表示是否有任务挂起等待读或写；每次 epoll_wait 返回一批就绪的描述符，netpollready 把挂起在它们上面的任务放回运行队列。可以观察你本机上运行的服务器，也可以回放从它录制的 trace。',
    sources: 'trace 来源',
    liveHeading: '运行中的服务器',
    liveHint: '启动 epoll-echo 并在回环地址上开启 trace 查看端口，然后连接。页面只接收 trace 事件，不会收到客户端发送的数据。',
    host: '主机',
    port: '端口',
    portHelp: '--trace-ws 的端口（服务器会打印 "trace viewer on ws://…"）。只允许 127.0.0.1 和 localhost。',
    connect: '连接',
    disconnect: '断开',
    replayHeading: '录制的 trace',
    replayHint: '网站附带一份从真实服务器录制的 trace（2 个事件循环，压测工具施加负载的 20 个连接）。也可以回放用 --trace-file 写出的文件。',
    loadShipped: '回放录制的 trace',
    pickFile: '回放一个 trace 文件…',
    step: '单步',
    nextWait: '下一次 epoll_wait',
    play: '播放',
    pause: '暂停',
    speed: '速度',
    slow: '慢',
    medium: '中',
    fast: '快',
    toEnd: '跳到结尾',
    position: '位置',
    positionOf: (n, total) => `第 ${fmt(n)} 条消息，共 ${fmt(total)} 条`,
    counters: '计数',
    loops: '事件循环',
    loopsHint: 'rg 和 wg 是根据事件重建的：trace 中出现缺口（事件被丢弃）后，它们在下一次 park 或 ready 之前是未知的。',
    log: '最近的事件',
    legend: '如何理解 pollDesc 的状态',
    footer: '本页面在你的浏览器中运行。它只会在你要求时连接你本机上的服务器。',
    c: {
      accepts: '次 accept', shed: '次因描述符耗尽而丢弃', reads: '次 read', writes: '次 write', eagain: '次 EAGAIN',
      parks: '次 park', readies: '次 netpollready', closes: '次 close', epollWaits: '次 epoll_wait',
      meanBatch: '每次 epoll_wait 的就绪描述符数', bytesIn: '读取的字节', dropped: '被丢弃（查看端跟不上）',
      capped: '未写入文件（上限）', rate: '事件/秒（trace 时间）', malformed: '格式错误的消息',
      open: '打开的连接',
    },
    loopTitle: (id, epfd, listener) => `循环 ${id}` + (epfd !== null ? ` · epfd ${epfd}` : '') + (listener !== null ? ` · 监听 fd ${listener}` : ''),
    serverCounters: (s) => `服务器自己的计数：${fmt(s.active)} 个活动连接，已 accept ${fmt(s.accepted)} 个，netpoll 唤醒 ${fmt(s.netpoll_wakeups)} 次，park ${fmt(s.parks)} 次`,
    batches: '就绪批次，最新的在前',
    noBatches: '还没有 epoll_wait。',
    batch: (b) => `epoll_wait(timeout=${b.timeout === null ? '?' : b.timeout}) → ${fmt(b.total)} 个就绪`,
    fdsCaption: (id) => `循环 ${id} 的描述符`,
    cols: ['fd', '类型', 'rg（读）', 'wg（写）', 'read 次数', 'write 次数', '状态'],
    listener: '监听套接字',
    conn: (peer) => (peer ? `连接 ${peer}` : '连接'),
    open: '打开',
    closed: (reason) => `已关闭（${reason}）`,
    moreFds: (n) => `… 另有 ${fmt(n)} 个描述符未画出`,
    pd: { pdNil: 'pdNil', pdReady: 'pdReady', pdWait: 'pdWait', parked: '挂起', unknown: '未知' },
    legendItems: [
      ['pdNil', '没有记录就绪，也没有任务在等待。'],
      ['pdReady', '描述符在没有任务等待时变为就绪；下一次会阻塞的 read 或 write 消耗它并立即重试。'],
      ['pdWait', 'read 或 write 得到 EAGAIN，任务即将挂起（netpollblock）。'],
      ['挂起', '任务挂起在这个信号量上（gopark）。下一次报告该描述符的 epoll_wait 会唤醒它（netpollready），它再次运行。'],
      ['未知', '自该描述符上一次 park 或 ready 以来有事件被丢弃。'],
    ],
    ev: {
      epoll_wait: (e) => `epoll_wait(${e.epfd}, timeout=${e.timeout}) = ${e.n}`,
      accept: (e) => `accept4(${e.listener}) = fd ${e.fd}，来自 ${e.peer}`,
      accept_shed: (e) => `accept4(${e.listener})：${e.errno}，连接被丢弃`,
      io: (e) => `${e.op}(${e.fd}, ${e.len}) = ${e.ret}${e.errno ? ' ' + e.errno : ''}`,
      park: (e) => `gopark fd ${e.fd}，挂在 ${e.mode === 'write' ? 'wg' : 'rg'} 上（${e.cause}）`,
      ready: (e) => `netpollready fd ${e.fd} ${e.mode === 'write' ? 'wg' : 'rg'} → 运行队列`,
      close: (e) => `close(${e.fd})（${e.reason}）`,
      shutdown: (e) => `关闭：${e.cause}`,
      gap: (e) => `此处丢弃了 ${fmt(e.n)} 个事件：pollDesc 状态未知`,
      summary: (e) => `服务器已停止（${e.cause}）`,
    },
    loopPrefix: (id) => `[循环 ${id}] `,
    noTrace: '还没有画出任何内容：回放录制的 trace，或连接运行中的服务器。',
    sourceLive: (url, hello) => `实时来自 ${url}` + (hello ? `：epoll-echo ${hello.version}，pid ${hello.pid}，echo 服务器 ${hello.addr}，${hello.loops} 个循环` : ''),
    sourceFile: (name, hello) => `正在回放${name}` + (hello ? `：录制自 epoll-echo ${hello.version}（${hello.addr}），${hello.loops} 个循环` + (hello.maxEvents ? `，保留了前 ${fmt(hello.maxEvents)} 个逐消息事件` : '') : ''),
    shippedName: '录制的 trace',
    status: {
      connecting: (url) => `正在连接 ${url}…`,
      connected: (url) => `已连接 ${url}。给 echo 服务器加上负载就能看到事件。`,
      closedBySummary: '服务器已停止并发送了汇总；连接已关闭。',
      closed: '与服务器的连接已关闭。',
      disconnected: '已断开。',
      loading: '正在加载 trace…',
      loaded: (n, name) => `已从${name}加载 ${fmt(n)} 条消息。可以单步查看或按“播放”。`,
    },
    err: {
      port: (v) => `“${v}”不是端口：请输入 1 到 65535 之间的整数。`,
      host: (h) => `拒绝连接“${h}”：本页面只连接 127.0.0.1 或 localhost。`,
      refused: (url) => `无法连接 ${url}。epoll-echo 是否在该端口上以 --trace-ws 运行？（用上面的命令启动。）`,
      noWebSocket: '这个浏览器不支持 WebSocket。',
      lost: (url) => `与 ${url} 的连接断开了。`,
      notHello: '第一条消息不是 "hello"：这可能不是 epoll-echo 的 trace。',
      schema: (v) => `服务器使用 trace 格式版本 ${v}；本页面支持版本 1，部分内容可能缺失。`,
      fetch: (what) => `无法加载${what}。`,
      tooBig: (n) => `该文件有 ${fmt(n)} 字节；本页面最多回放 ${fmt(MAX_FILE_BYTES)} 字节的文件。`,
      read: (name) => `无法读取 ${name}。`,
      empty: (name) => `${name} 中没有 trace 消息（每行一个 JSON 对象，包含 "type" 和 "t_us"）。`,
      malformed: (n, examples) => `跳过了 ${fmt(n)} 条格式错误的消息` + (examples ? `：${examples}` : '。'),
      line: (line, what) => (line === null ? what : `第 ${fmt(line)} 行${what}`),
      why: { json: '不是 JSON', object: '不是 JSON 对象', type: '缺少 "type"', t_us: '缺少 "t_us"', long: '太长' },
    },
  },
};

function fmt(n) {
  return typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString('en-US') : '?';
}

// ---------- settings: language and theme, shared with the app ----------

function readSettings() {
  try {
    const stored = window.localStorage.getItem(SETTINGS_KEY) ?? '';
    const out = {};
    for (const pair of stored.split(';')) {
      const [k, v] = pair.split('=');
      if (k === 'lang' && (v === 'en' || v === 'zh')) out.lang = v;
      if (k === 'theme' && (v === 'light' || v === 'dark')) out.theme = v;
    }
    return out;
  } catch {
    // Storage refused (private mode, sandboxed frame): the preferences apply.
    return {};
  }
}

function writeLanguage(lang) {
  try {
    const s = readSettings();
    const theme = s.theme ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
    window.localStorage.setItem(SETTINGS_KEY, `lang=${lang};theme=${theme}`);
  } catch {
    // Only the convenience is lost.
  }
}

function initialLanguage() {
  const param = new URLSearchParams(location.search).get('lang');
  if (param === 'en' || param === 'zh') return param;
  const stored = readSettings().lang;
  if (stored) return stored;
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

// ---------- state ----------

const $ = (id) => document.getElementById(id);
const ui = {
  lang: initialLanguage(),
  model: newModel(),
  /** 'none' | 'live' | 'replay' */
  source: 'none',
  sourceName: '',
  socket: null,
  url: '',
  /** The replay: all messages of the file and how many are applied. */
  replay: { messages: [], pos: 0, timer: null },
  drawPending: false,
  firstLive: true,
  /** The status and error lines, as functions of the page's strings (or null). */
  status: null,
  error: null,
};

function T() {
  return TEXT[ui.lang];
}

// ---------- drawing ----------

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (k === 'class') e.className = v;
    else e.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

// The status and error lines are kept as functions of the strings, so that switching the
// language redraws them too.
function setStatus(say) {
  ui.status = say;
  $('status').textContent = say ? say(T()) : '';
}

function setError(say) {
  ui.error = say;
  $('error').textContent = say ? say(T()) : '';
}

function applyLanguage() {
  const t = T();
  document.documentElement.lang = ui.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t.pageTitle;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const v = t[node.getAttribute('data-i18n')];
    if (typeof v === 'string') node.textContent = v;
  }
  for (const node of document.querySelectorAll('[data-i18n-label]')) {
    const v = t[node.getAttribute('data-i18n-label')];
    if (typeof v === 'string') node.setAttribute('aria-label', v);
  }
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.setAttribute('aria-pressed', String(b.getAttribute('data-lang') === ui.lang));
  }
  if (ui.replay.timer) $('play').textContent = t.pause;
  setStatus(ui.status);
  setError(ui.error);
  drawLegend();
  draw();
}

function drawLegend() {
  const t = T();
  const items = [];
  const keys = [PD.NIL, PD.READY, PD.WAIT, PD.PARKED, PD.UNKNOWN];
  t.legendItems.forEach(([, text], i) => {
    items.push(el('dt', {}, badge(keys[i])), el('dd', {}, text));
  });
  $('legend').replaceChildren(...items);
}

function badge(state) {
  return el('span', { class: `pd pd--${state}`, 'data-pd': state }, T().pd[state] ?? state);
}

function scheduleDraw() {
  if (ui.drawPending) return;
  ui.drawPending = true;
  setTimeout(() => {
    ui.drawPending = false;
    draw();
  }, DRAW_MS);
}

function draw() {
  const t = T();
  const m = ui.model;
  // The source line.
  if (ui.source === 'live') $('source-line').textContent = t.sourceLive(ui.url, m.hello);
  else if (ui.source === 'replay') $('source-line').textContent = t.sourceFile(ui.sourceName === SHIPPED ? t.shippedName : ui.sourceName, m.hello);
  else $('source-line').textContent = t.noTrace;

  // Counters.
  const c = m.counters;
  let open = 0;
  for (const d of m.fds.values()) if (d.kind === 'conn' && !d.closed) open++;
  const rows = [
    ['accepts', c.accepts], ['open', open], ['epollWaits', c.epollWaits],
    ['meanBatch', c.epollWaits ? Math.round((c.readyFds / c.epollWaits) * 10) / 10 : 0],
    ['reads', c.reads], ['writes', c.writes], ['eagain', c.eagain], ['parks', c.parks],
    ['readies', c.readies], ['closes', c.closes], ['bytesIn', c.bytesIn],
    ['rate', eventsPerSecond(m)], ['dropped', c.dropped],
  ];
  if (c.capped) rows.push(['capped', c.capped]);
  if (c.shed) rows.push(['shed', c.shed]);
  if (c.malformed) rows.push(['malformed', c.malformed]);
  $('counters').replaceChildren(
    ...rows.map(([k, v]) => el('div', { class: 'live-counter', 'data-counter': k }, el('dt', {}, t.c[k]), el('dd', {}, fmt(v)))),
  );

  // Loops.
  const loops = [...m.loops.values()].sort((a, b) => a.id - b.id);
  $('loops').replaceChildren(...loops.map((l) => drawLoop(l)));

  // The event log.
  $('log').replaceChildren(...m.log.map((e) => el('li', { 'data-kind': e.kind }, logLine(e))));

  // The replay position.
  if (ui.source === 'replay') {
    const r = ui.replay;
    const seek = $('seek');
    seek.max = String(r.messages.length);
    seek.value = String(r.pos);
    $('position').textContent = t.positionOf(r.pos, r.messages.length);
  }
}

function logLine(e) {
  const t = T();
  const f = t.ev[e.kind];
  const text = f ? f(e) : e.kind;
  return (e.loop !== undefined ? t.loopPrefix(e.loop) : '') + text;
}

function drawLoop(l) {
  const t = T();
  const m = ui.model;
  const card = el('article', { class: 'live-loop', 'data-testid': 'loop', 'data-loop': l.id });
  const h = el('h3', {}, t.loopTitle(l.id, l.epfd, l.listener));
  card.append(h);
  const s = m.stats?.[l.id];
  if (s && typeof s === 'object') card.append(el('p', { class: 'live-hint', 'data-testid': 'server-counters' }, t.serverCounters(s)));

  // Ready batches.
  card.append(el('h4', {}, t.batches));
  if (l.batches.length === 0) {
    card.append(el('p', { class: 'live-hint' }, t.noBatches));
  } else {
    const list = el('ol', { class: 'live-batches', 'data-testid': 'batches' });
    for (const b of l.batches) {
      const fds = el('span', { class: 'live-batch__fds' });
      for (const r of b.ready) {
        fds.append(el('span', { class: 'live-ready', 'data-testid': 'ready-fd' }, `fd ${r.fd ?? '?'} ${r.events.map((x) => x.replace(/^EPOLL/, '')).join('|')}`));
      }
      if (b.total > b.ready.length) fds.append(el('span', { class: 'live-ready' }, `+${fmt(b.total - b.ready.length)}`));
      list.append(el('li', { class: 'live-batch', 'data-testid': 'batch', 'data-ready': b.total }, el('span', { class: 'live-batch__call' }, t.batch(b)), fds));
    }
    card.append(list);
  }

  // Descriptors.
  const all = loopFds(m, l.id);
  const shown = all.slice(0, FD_ROWS);
  const table = el('table', { class: 'live-fds', 'data-testid': 'fds' });
  table.append(el('caption', {}, t.fdsCaption(l.id)));
  table.append(el('thead', {}, el('tr', {}, ...t.cols.map((c) => el('th', { scope: 'col' }, c)))));
  const body = el('tbody');
  for (const d of shown) {
    body.append(
      el(
        'tr',
        { 'data-testid': 'fd-row', 'data-fd': d.fd, class: d.closed ? 'is-closed' : null },
        el('th', { scope: 'row' }, String(d.fd)),
        el('td', {}, d.kind === 'listener' ? t.listener : t.conn(d.peer)),
        el('td', { 'data-testid': 'rg' }, badge(d.rg)),
        el('td', { 'data-testid': 'wg' }, badge(d.wg)),
        el('td', {}, fmt(d.reads)),
        el('td', {}, fmt(d.writes)),
        el('td', {}, d.closed ? t.closed(d.closed) : t.open),
      ),
    );
  }
  table.append(body);
  // Focusable, so a keyboard can scroll a table wider than its card.
  const wrap = el('div', { class: 'live-table-wrap', tabindex: 0, role: 'region', 'aria-label': t.fdsCaption(l.id) }, table);
  card.append(wrap);
  if (all.length > shown.length) card.append(el('p', { class: 'live-hint' }, t.moreFds(all.length - shown.length)));
  return card;
}

function reportProblems() {
  const t = T();
  const m = ui.model;
  if (!m.counters.malformed) return '';
  const examples = m.problems.map((p) => t.err.line(p.line, t.err.why[p.error] ?? p.error)).join('; ');
  return t.err.malformed(m.counters.malformed, examples);
}

// ---------- live ----------

function stopLive(quiet) {
  const s = ui.socket;
  ui.socket = null;
  if (s) {
    s.onopen = s.onmessage = s.onerror = s.onclose = null;
    try {
      s.close();
    } catch {
      // Already closed.
    }
    if (!quiet) setStatus((t) => t.status.disconnected);
  }
  $('connect').disabled = false;
  $('disconnect').disabled = true;
}

/** Checks the form: returns { url } or { error }. */
function liveTarget(host, portText) {
  const port = portText.trim();
  if (!HOSTS.has(host)) return { error: (t) => t.err.host(host), field: 'host' };
  if (!/^[0-9]{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) return { error: (t) => t.err.port(portText), field: 'port' };
  return { url: `ws://${host}:${Number(port)}/` };
}

function connect() {
  setError(null);
  const target = liveTarget($('host').value, $('port').value);
  $('host').removeAttribute('aria-invalid');
  $('port').removeAttribute('aria-invalid');
  if (target.error) {
    setError(target.error);
    $(target.field).setAttribute('aria-invalid', 'true');
    return;
  }
  if (typeof WebSocket !== 'function') {
    setError((t) => t.err.noWebSocket);
    return;
  }
  // The picture drawn so far stays until the server answers: a refused connection costs it
  // nothing.
  stopReplay();
  stopLive(true);
  let socket;
  try {
    socket = new WebSocket(target.url);
  } catch {
    setError((t) => t.err.refused(target.url));
    return;
  }
  ui.socket = socket;
  let opened = false;
  $('connect').disabled = true;
  $('disconnect').disabled = false;
  setStatus((t) => t.status.connecting(target.url));
  socket.onopen = () => {
    opened = true;
    ui.model = newModel();
    ui.source = 'live';
    ui.url = target.url;
    ui.firstLive = true;
    $('player').hidden = true;
    setStatus((t) => t.status.connected(target.url));
    draw();
  };
  socket.onmessage = (ev) => {
    const r = typeof ev.data === 'string' ? parseMessage(ev.data) : { error: 'json' };
    if (r.error) {
      noteProblem(ui.model, null, r.error);
      setError(() => reportProblems());
    } else {
      if (ui.firstLive) {
        ui.firstLive = false;
        if (r.msg.type !== 'hello') setError((t) => t.err.notHello);
        else if (r.msg.schema !== 1) setError((t) => t.err.schema(String(r.msg.schema)));
      }
      apply(ui.model, r.msg);
    }
    scheduleDraw();
  };
  socket.onerror = () => {
    // The close event follows and says what happened; an error here is not a page error.
  };
  socket.onclose = () => {
    if (ui.socket !== socket) return;
    ui.socket = null;
    $('connect').disabled = false;
    $('disconnect').disabled = true;
    if (!opened) {
      setStatus(null);
      setError((t) => t.err.refused(target.url));
    } else if (ui.model.summary) {
      setStatus((t) => t.status.closedBySummary);
    } else {
      setStatus((t) => t.status.closed);
      setError((t) => t.err.lost(target.url));
    }
    draw();
  };
}

// ---------- replay ----------

function stopReplay() {
  const r = ui.replay;
  if (r.timer) clearInterval(r.timer);
  r.timer = null;
  $('play').textContent = T().play;
}

function startReplay(text, name) {
  stopLive(true);
  stopReplay();
  const { messages, problems } = parseTrace(text);
  ui.model = newModel();
  ui.replay = { messages, pos: 0, timer: null, problems };
  ui.source = 'replay';
  ui.sourceName = name;
  const shownName = (t) => (name === SHIPPED ? t.shippedName : name);
  const skipped = (t) => t.err.malformed(problems.length, problems.slice(0, 5).map((p) => t.err.line(p.line, t.err.why[p.error])).join('; '));
  if (messages.length === 0) {
    ui.source = 'none';
    $('player').hidden = true;
    setStatus(null);
    setError((t) => t.err.empty(shownName(t)) + (problems.length ? ' ' + skipped(t) : ''));
    draw();
    return;
  }
  $('player').hidden = false;
  const first = messages[0];
  setError((t) => {
    const notes = [];
    if (first.type !== 'hello') notes.push(t.err.notHello);
    else if (first.schema !== 1) notes.push(t.err.schema(String(first.schema)));
    if (problems.length) notes.push(skipped(t));
    return notes.join(' ');
  });
  setStatus((t) => t.status.loaded(messages.length, shownName(t)));
  // Start after hello, so the loops are drawn at once.
  seek(first.type === 'hello' ? 1 : 0);
}

/** Rebuilds the model at position `n` (replaying from the start is cheap: a few ms). */
function seek(n) {
  const r = ui.replay;
  const target = Math.max(0, Math.min(n, r.messages.length));
  if (target < r.pos) {
    ui.model = newModel();
    r.pos = 0;
  }
  while (r.pos < target) apply(ui.model, r.messages[r.pos++]);
  draw();
}

function advance(count, untilWait) {
  const r = ui.replay;
  for (let i = 0; i < count && r.pos < r.messages.length; i++) {
    const msg = r.messages[r.pos++];
    apply(ui.model, msg);
    if (untilWait && msg.type === 'epoll_wait') break;
  }
  if (r.pos >= r.messages.length) stopReplay();
}

async function loadShipped() {
  setError(null);
  setStatus((t) => t.status.loading);
  let text;
  try {
    const res = await fetch(SHIPPED, { cache: 'no-cache' });
    if (!res.ok) throw new Error(String(res.status));
    text = await res.text();
  } catch {
    setStatus(null);
    setError((t) => t.err.fetch(t.shippedName));
    return;
  }
  startReplay(text, SHIPPED);
}

async function loadFile(file) {
  setError(null);
  if (!file) return;
  if (file.size > MAX_FILE_BYTES) {
    setError((t) => t.err.tooBig(file.size));
    return;
  }
  let text;
  try {
    text = await file.text();
  } catch {
    setError((t) => t.err.read(file.name));
    return;
  }
  startReplay(text, file.name);
}

// ---------- wiring ----------

function init() {
  const theme = readSettings().theme;
  if (theme) document.documentElement.dataset.theme = theme;
  const port = new URLSearchParams(location.search).get('port');
  if (port !== null) $('port').value = port.slice(0, 5);

  for (const b of document.querySelectorAll('[data-lang]')) {
    b.addEventListener('click', () => {
      ui.lang = b.getAttribute('data-lang') === 'zh' ? 'zh' : 'en';
      writeLanguage(ui.lang);
      const url = new URL(location.href);
      url.searchParams.set('lang', ui.lang);
      history.replaceState(null, '', url);
      applyLanguage();
    });
  }
  $('connect-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    connect();
  });
  $('disconnect').addEventListener('click', () => stopLive(false));
  $('load-shipped').addEventListener('click', () => void loadShipped());
  $('trace-file').addEventListener('change', (ev) => {
    const input = ev.target;
    void loadFile(input.files && input.files[0]).finally(() => {
      // Picking the same file again replays it again.
      input.value = '';
    });
  });
  $('step').addEventListener('click', () => {
    stopReplay();
    advance(1, false);
    draw();
  });
  $('next-wait').addEventListener('click', () => {
    stopReplay();
    advance(Infinity, true);
    draw();
  });
  $('to-end').addEventListener('click', () => {
    stopReplay();
    seek(ui.replay.messages.length);
  });
  $('seek').addEventListener('input', (ev) => {
    stopReplay();
    seek(Number(ev.target.value));
  });
  $('play').addEventListener('click', () => {
    const r = ui.replay;
    if (r.timer) {
      stopReplay();
      return;
    }
    if (r.pos >= r.messages.length) seek(0);
    // Ten ticks a second; the speed is messages per second.
    r.timer = setInterval(() => {
      advance(Math.max(1, Math.round(Number($('speed').value) / 10)), false);
      draw();
    }, 100);
    $('play').textContent = T().pause;
  });
  applyLanguage();
  // The page works without the companion: the recorded trace is there from the start.
  void loadShipped();
}

init();
