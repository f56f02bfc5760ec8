// dossier web UI: a hash-routed single page over the JSON API.
// Every piece of data reaches the page through text nodes (el() below), never through HTML
// parsing, so article text that contains markup stays text.
'use strict';

const main = document.getElementById('main');
const results = document.getElementById('results');
const search = document.getElementById('search');
const PAGE = 50;

// el('a', {href: '#/x', class: 'c'}, 'text', child...): builds an element; strings become text nodes.
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'on') { for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f); }
    else if (k === 'data') { for (const [dk, dv] of Object.entries(v)) e.dataset[dk] = String(dv); }
    else if (k === 'href') { e.setAttribute('href', safeHref(v)); }
    else e.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// Only in-app links and plain web links; anything else (javascript:, data:) becomes inert.
function safeHref(v) {
  const s = String(v);
  if (s.startsWith('#/') || s.startsWith('/api/')) return s;
  if (/^https?:\/\//i.test(s)) return s;
  return '#/';
}

const enc = encodeURIComponent;
const docLink = (id, span, label) =>
  el('a', {href: `#/doc/${enc(id)}` + (span ? `?start=${span.start}&end=${span.end}` : '')}, label);
// An entity by its id when the corpus resolved it, else by the words (the server looks them up).
const entityLink = (name, id) => el('a', {href: `#/entity/${enc(id !== null && id !== undefined ? String(id) : name)}`}, name);
// An actor of a quote ({id, name, text}) or of an event ({id: 'e12' or words, name, text}).
function actorLink(a) {
  if (!a) return '—';
  const id = typeof a.id === 'number' ? a.id : (/^e\d+$/.test(a.id || '') ? a.id.slice(1) : null);
  const link = entityLink(a.name, id);
  return a.text && a.text !== a.name ? [link, ` (“${a.text}”)`] : link;
}

async function fetchJson(path) {
  const r = await fetch(path, {headers: {Accept: 'application/json'}});
  let body = null;
  try { body = await r.json(); } catch (_) { body = null; }
  if (!r.ok) {
    const err = new Error((body && body.error) || `HTTP ${r.status}`);
    err.status = r.status;
    throw err;
  }
  return {body, total: Number(r.headers.get('X-Total-Count')), headers: r.headers};
}

async function api(path) { return (await fetchJson(path)).body; }

// A page of a list: the items (the CLI's JSON) and the length of the whole list.
async function apiPage(path) {
  const {body, total} = await fetchJson(path);
  return {items: body, total: Number.isFinite(total) ? total : undefined};
}

function show(...nodes) {
  main.replaceChildren(...nodes.flat(Infinity).filter(Boolean));
}

function failure(e) {
  if (e.status === 501) return el('p', {class: 'notice'}, 'Not built yet: ', e.message);
  return el('p', {class: 'error'}, 'Error: ', e.message);
}

function metaLine(x) {
  return el('span', {class: 'meta'}, [x.date, x.outlet].filter(Boolean).join(' · ') || 'undated');
}

// A search snippet marks matches between [ and ].
function snippet(s) {
  const out = el('div', {class: 'snippet'});
  const re = /\[([^\[\]]*)\]/g;
  let last = 0, m;
  while ((m = re.exec(s))) {
    out.append(s.slice(last, m.index), el('mark', {}, m[1]));
    last = re.lastIndex;
  }
  out.append(s.slice(last));
  return out;
}

function pager(params, total, count, go) {
  const offset = Number(params.get('offset') || 0);
  const p = el('div', {class: 'pager'});
  const move = (o) => { const q = new URLSearchParams(params); q.set('offset', String(Math.max(0, o))); go(q); };
  if (offset > 0) p.append(el('button', {on: {click: () => move(offset - PAGE)}}, '← Previous'));
  const end = offset + count;
  p.append(el('span', {class: 'muted'}, total === undefined ? `${offset + 1}–${end}` : `${count ? offset + 1 : 0}–${end} of ${total}`));
  if (total === undefined ? count === PAGE : end < total) p.append(el('button', {on: {click: () => move(offset + PAGE)}}, 'Next →'));
  return p;
}

function navigate(path, params) {
  const q = params && params.toString();
  location.hash = path + (q ? '?' + q : '');
}

// ---------- pages ----------

async function documentsPage(params) {
  const offset = Number(params.get('offset') || 0);
  const {items: docs, total} = await apiPage(`/api/documents?limit=${PAGE}&offset=${offset}`);
  const rows = docs.map((d) => el('tr', {},
    el('td', {}, docLink(d.id, null, d.title || '(no title)')),
    el('td', {class: 'meta'}, d.date || ''),
    el('td', {class: 'meta'}, d.outlet || ''),
    el('td', {class: 'meta'}, d.id.slice(0, 12))));
  show(el('h1', {}, 'Documents'),
    docs.length ? el('table', {}, el('tr', {}, el('th', {}, 'Title'), el('th', {}, 'Date'), el('th', {}, 'Outlet'), el('th', {}, 'Id')), rows)
      : el('p', {class: 'muted'}, 'No documents yet. Run `dossier ingest` on some articles.'),
    pager(params, total, docs.length, (q) => navigate('#/', q)));
}

async function searchPage(params) {
  const q = params.get('q') || '';
  const offset = Number(params.get('offset') || 0);
  search.value = q;
  const found = q ? await fetchJson(`/api/search?q=${enc(q)}&limit=${PAGE}&offset=${offset}`) : {body: [], total: 0};
  const hits = found.body;
  // A common word matches more documents than are ranked: say so, and that the count may stop.
  const capped = found.headers && found.headers.get('X-Total-Count-Capped') === '1';
  const ranked = found.headers ? Number(found.headers.get('X-Search-Ranked')) : found.total;
  const summary = hits.length ? el('p', {class: 'muted'},
    `${found.total}${capped ? '+' : ''} matching documents`,
    ranked < found.total ? `; best of the ${ranked} most recently added shown` : '') : null;
  show(el('h1', {}, 'Search: ', q), summary,
    hits.length ? hits.map((h) => el('div', {class: 'fact'}, docLink(h.id, null, h.title || '(no title)'), ' ', metaLine(h), snippet(h.snippet)))
      : el('p', {class: 'muted'}, 'No match.'),
    pager(params, Math.min(found.total, ranked), hits.length, (p) => navigate('#/search', p)));
}

// Byte offsets of the UTF-8 text (what the API gives) to string indices (what JS slices).
function byteToIndex(text) {
  const bytes = new TextEncoder().encode(text).length;
  const map = new Uint32Array(bytes + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i);
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map[b + k] = i;
    b += n;
    if (c > 0xffff) i++;
  }
  map[b] = text.length;
  return map;
}

function describe(d, f) {
  const t = (s) => (s ? d.text.slice(d.at[s.start], d.at[s.end]) : null);
  const x = f.item;
  switch (f.kind) {
    case 'mention': return [el('span', {class: `tag ${x.label}`}, x.label), entityLink(t(x.span)), ` (score ${x.score.toFixed(2)})`];
    case 'timex': return [el('span', {class: 'tag'}, x.type), t(x.span), ' → ', el('code', {}, x.value), x.modifier ? ` ${x.modifier}` : ''];
    case 'quote': {
      const sp = x.speaker_mention !== null && x.speaker_mention !== undefined && d.mentions[x.speaker_mention];
      return [el('span', {class: 'tag'}, `${x.kind} quote`),
        el('blockquote', {}, t(x.span)),
        'Speaker: ', sp ? entityLink(t(sp.span)) : (t(x.speaker) || 'unknown'),
        x.speaker && sp && t(x.speaker) !== t(sp.span) ? ` (“${t(x.speaker)}”)` : '',
        x.cue ? ` · cue “${t(x.cue)}”` : '',
        x.reported_by ? ` · reported by ${t(x.reported_by)}` : ''];
    }
    case 'event': {
      const actor = (a) => (a ? (a.mention !== null && a.mention !== undefined && d.mentions[a.mention] ? entityLink(t(d.mentions[a.mention].span)) : t(a.span)) : '—');
      const when = x.timex !== null && x.timex !== undefined && d.timexes[x.timex];
      return [el('span', {class: 'tag'}, x.type), x.mode ? el('span', {class: 'tag'}, x.mode) : '', `“${t(x.span)}” `,
        el('div', {}, 'Source: ', actor(x.source), ' · Target: ', actor(x.target), x.location ? [' · Location: ', actor(x.location)] : ''),
        el('div', {class: 'meta'}, `${x.modality}${x.negated ? ', negated' : ''}`, when ? ` · when: ${when.value}` : '')];
    }
    case 'claim': return [el('span', {class: 'tag'}, 'claim'), t(x.span), ` → ${x.measure} ${x.low}..${x.high}`, x.qualifier ? ` (${x.qualifier})` : ''];
    default: return [];
  }
}

async function documentPage(id, params) {
  const d = await api(`/api/document/${enc(id)}`);
  d.at = byteToIndex(d.text);
  const facts = [];
  const add = (kind, list) => list.forEach((item, i) => facts.push({kind, i, item, span: item.span}));
  add('quote', d.quotes); add('event', d.events); add('mention', d.mentions); add('timex', d.timexes); add('claim', d.claims);
  const valid = facts.filter((f) => f.span.start <= f.span.end && f.span.end <= d.at.length - 1);
  // Cut the text at every fact boundary; each piece knows the facts covering it.
  const cuts = new Set([0, d.at.length - 1]);
  for (const f of valid) { cuts.add(f.span.start); cuts.add(f.span.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const starts = new Map();
  for (const f of valid) { if (!starts.has(f.span.start)) starts.set(f.span.start, []); starts.get(f.span.start).push(f); }
  const text = el('div', {class: 'text', id: 'doc-text'});
  const active = new Set();
  const pieces = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k], b = points[k + 1];
    for (const f of active) if (f.span.end <= a) active.delete(f);
    for (const f of starts.get(a) || []) if (f.span.end > a) active.add(f);
    const s = d.text.slice(d.at[a], d.at[b]);
    if (!active.size) { text.append(s); continue; }
    const cls = [...new Set([...active].map((f) => `f-${f.kind}`))].join(' ');
    const piece = el('span', {class: cls}, s);
    piece.facts = [...active];
    pieces.push(piece);
    text.append(piece);
  }
  const order = valid.slice().sort((x, y) => x.span.start - y.span.start || y.span.end - x.span.end);
  const detail = el('div', {id: 'detail'}, el('p', {class: 'muted'}, 'Click an underlined passage, or press j / k.'));
  const srcBox = el('div', {class: 'source', id: 'doc-source', hidden: true});
  let selected = null;
  let sourceShown = false;

  function select(f) {
    selected = f;
    for (const p of pieces) p.classList.toggle('sel', p.facts.includes(f));
    const sent = d.sentences.find((s) => s.span.start <= f.span.start && f.span.start < s.span.end);
    detail.replaceChildren(el('div', {class: 'fact'}, describe(d, f),
      sent ? el('p', {class: 'sentence'}, 'Sentence: ', d.text.slice(d.at[sent.span.start], d.at[sent.span.end])) : '',
      el('div', {class: 'meta'}, `clean bytes ${f.span.start}..${f.span.end}`)));
    const first = pieces.find((p) => p.facts.includes(f));
    if (first && !sourceShown) first.scrollIntoView({block: 'nearest'});
    if (sourceShown) loadSource();
  }

  async function loadSource() {
    const q = selected ? `?start=${selected.span.start}&end=${selected.span.end}` : '';
    try {
      const s = await api(`/api/document/${enc(d.id)}/source${q}`);
      const mark = el('mark', {id: 'source-mark'}, s.source_text);
      srcBox.replaceChildren(el('div', {class: 'meta'}, `original: ${s.format}, ${s.encoding}, ${s.length} bytes`,
        s.source ? ` · highlighted source bytes ${s.source.start}..${s.source.end}` : ''), s.before, mark, s.after);
      if (s.source_text) mark.scrollIntoView({block: 'center'});
    } catch (e) { srcBox.replaceChildren(failure(e)); }
  }

  function toggleSource() {
    sourceShown = !sourceShown;
    text.hidden = sourceShown;
    srcBox.hidden = !sourceShown;
    toggle.textContent = sourceShown ? 'View clean text (s)' : 'View in source (s)';
    if (sourceShown) loadSource();
  }
  const toggle = el('button', {id: 'source-toggle', on: {click: toggleSource}}, 'View in source (s)');

  text.addEventListener('click', (ev) => {
    const p = ev.target.closest('span');
    if (!p || !p.facts) return;
    // The narrowest fact under the pointer: a name inside a quote selects the name.
    const f = p.facts.slice().sort((x, y) => (x.span.end - x.span.start) - (y.span.end - y.span.start))[0];
    select(f);
  });
  const step = (dir) => {
    if (!order.length) return;
    const i = selected ? order.indexOf(selected) : -1;
    select(order[(i + dir + order.length) % order.length]);
  };
  pageKeys = (ev) => {
    if (ev.key === 's') { toggleSource(); return true; }
    if (ev.key === 'j') { step(1); return true; }
    if (ev.key === 'k') { step(-1); return true; }
    return false;
  };

  const list = (title, items, kind, line) => items.length ? [el('h2', {}, title),
    ...items.map((x, i) => el('div', {class: 'fact'}, el('a', {href: '#', on: {click: (ev) => { ev.preventDefault(); select(facts.find((f) => f.kind === kind && f.i === i)); }}}, line(x))))] : [];
  const t = (s) => (s ? d.text.slice(d.at[s.start], d.at[s.end]) : '');
  show(el('h1', {}, d.title || '(no title)'),
    el('p', {class: 'meta'}, [d.date, d.outlet, d.author].filter(Boolean).join(' · '), ` · ${d.id}`, d.url ? [' · ', el('a', {href: d.url, rel: 'noreferrer noopener'}, 'original')] : ''),
    el('div', {class: 'doc'},
      el('div', {}, el('p', {class: 'legend'}, toggle, ' ',
        el('span', {class: 'f-mention'}, 'name'), el('span', {class: 'f-quote'}, 'quote'), el('span', {class: 'f-event'}, 'event'),
        el('span', {class: 'f-timex'}, 'time'), el('span', {class: 'f-claim'}, 'figure')), text, srcBox),
      el('aside', {class: 'side'}, detail,
        list(`Quotes (${d.quotes.length})`, d.quotes, 'quote', (q) => t(q.span).slice(0, 160)),
        list(`Events (${d.events.length})`, d.events, 'event', (e) => `${e.type}: ${t(e.span)}`))));
  const start = params.get('start'), end = params.get('end');
  if (start !== null && end !== null) {
    const f = valid.find((x) => x.span.start === Number(start) && x.span.end === Number(end));
    if (f) select(f);
    else {
      // A span that is no fact of this document (a sentence, a search hit): select it alone.
      const span = {start: Number(start), end: Number(end)};
      if (span.start <= span.end && span.end <= d.at.length - 1) { selected = {kind: 'span', span, item: null}; detail.replaceChildren(el('div', {class: 'fact'}, t(span))); }
    }
    if (params.get('source') === '1') toggleSource();
  }
}

function filters(params, fields, go) {
  const inputs = {};
  const form = el('form', {class: 'filters', on: {submit: (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const [k, i] of Object.entries(inputs)) if (i.value.trim()) q.set(k, i.value.trim());
    go(q);
  }}});
  for (const [name, label, hint] of fields) {
    inputs[name] = el('input', {name, value: params.get(name) || '', placeholder: hint || '', maxlength: 200});
    form.append(el('label', {}, label, inputs[name]));
  }
  form.append(el('button', {type: 'submit'}, 'Filter'));
  return form;
}

// The quote inside its sentence, highlighted; a quote longer than its sentence is shown alone.
function quoteText(q) {
  if (q.sentence && q.sentence.includes(q.text)) return el('blockquote', {class: 'in-sentence'}, marked(q.sentence, q.text, 'said'));
  return el('blockquote', {}, el('mark', {class: 'said'}, q.text));
}

const span = (x) => ({start: x.start, end: x.end});

function quoteCard(q) {
  return el('div', {class: 'fact quote', data: {quote: q.id}},
    quoteText(q),
    el('div', {}, '— ', q.speaker ? actorLink(q.speaker) : (q.speaker_text || 'unknown speaker'),
      q.cue ? ` · ${q.cue}` : '',
      q.reported_by ? ` · according to ${q.reported_by}` : ''),
    el('div', {class: 'meta'}, el('span', {class: 'when'}, q.date || 'undated'), q.date_from === 'timex' ? ' (said in the text)' : '',
      ' · reported by ', el('span', {class: 'outlet'}, q.outlet || 'unknown outlet'), ' · ', docLink(q.doc, span(q), 'article'), ' · ',
      el('a', {href: `#/doc/${enc(q.doc)}?start=${q.start}&end=${q.end}&source=1`}, 'in source'),
      q.about && q.about.length ? [' · about ', q.about.slice(0, 5).map((a, i) => [i ? ', ' : '', actorLink({...a, text: a.name})])] : ''));
}

function eventCard(e) {
  const more = e.evidence && e.evidence.length > 1 ? ` · ${e.evidence.length} reports` : '';
  return el('div', {class: 'fact'},
    el('span', {class: 'tag'}, e.type), e.mode ? el('span', {class: 'tag'}, e.mode) : '',
    actorLink(e.source), e.negated ? ' (not) ' : ' → ', actorLink(e.target),
    e.location ? [' in ', e.location] : '', ` · ${e.modality}`, e.outcome ? ` · ${e.outcome}` : '',
    el('p', {class: 'sentence'}, e.sentence),
    el('div', {class: 'meta'}, e.date ? `${e.date} (${e.date_from}) · ` : 'undated · ', docLink(e.doc, e.span, 'article'), more,
      e.counts && e.counts.length ? ` · ${e.counts.map((c) => c.text).join('; ')}` : ''));
}

async function quotesPage(params) {
  const offset = Number(params.get('offset') || 0);
  const q = new URLSearchParams(params); q.set('limit', PAGE); q.set('offset', offset);
  const r = await apiPage(`/api/quotes?${q}`);
  show(el('h1', {}, 'Quotes'),
    filters(params, [['speaker', 'Speaker', 'name or e<id>'], ['about', 'About', 'name or e<id>'], ['doc', 'Document', 'id prefix']], (p) => navigate('#/quotes', p)),
    r.items.length ? r.items.map(quoteCard) : el('p', {class: 'muted'}, 'No quotes match.'),
    pager(params, r.total, r.items.length, (p) => navigate('#/quotes', p)));
}

async function eventsPage(params) {
  const offset = Number(params.get('offset') || 0);
  const q = new URLSearchParams(params); q.set('limit', PAGE); q.set('offset', offset);
  const r = await apiPage(`/api/events?${q}`);
  show(el('h1', {}, 'Events'),
    filters(params, [['actor', 'Actor', 'name or e<id>'], ['type', 'Type', 'CONSULT'], ['from', 'From', 'YYYY-MM-DD'], ['to', 'To', 'YYYY-MM-DD']], (p) => navigate('#/events', p)),
    r.items.length ? r.items.map(eventCard) : el('p', {class: 'muted'}, 'No events match.'),
    pager(params, r.total, r.items.length, (p) => navigate('#/events', p)));
}

async function timelinePage(params) {
  const offset = Number(params.get('offset') || 0);
  const q = new URLSearchParams(params); q.set('limit', PAGE); q.set('offset', offset);
  const r = await apiPage(`/api/timeline?${q}`);
  const rows = r.items.map((f) => el('tr', {},
    el('td', {class: 'meta'}, f.date, f.date_from === 'timex' ? '' : ' (published)'),
    el('td', {}, el('span', {class: 'tag'}, f.kind), f.summary,
      el('p', {class: 'sentence'}, f.sentence), el('div', {class: 'meta'}, docLink(f.doc, null, 'article'), ` · ${f.id}`))));
  show(el('h1', {}, 'Timeline'),
    filters(params, [['entity', 'Entity', 'name or e<id>'], ['from', 'From', 'YYYY-MM-DD'], ['to', 'To', 'YYYY-MM-DD']], (p) => navigate('#/timeline', p)),
    rows.length ? el('table', {}, rows) : el('p', {class: 'muted'}, 'Nothing dated yet.'),
    pager(params, r.total, r.items.length, (p) => navigate('#/timeline', p)));
}

const countList = (map, n) => Object.entries(map || {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);

async function entitiesPage(params) {
  const offset = Number(params.get('offset') || 0);
  const q = new URLSearchParams(params); q.set('limit', PAGE); q.set('offset', offset);
  const r = await apiPage(`/api/entities?${q}`);
  const find = el('form', {class: 'filters', on: {submit: (ev) => { ev.preventDefault(); const v = name.value.trim(); if (v) location.hash = `#/entity/${enc(v)}`; }}});
  const name = el('input', {placeholder: 'any spelling', maxlength: 200});
  find.append(el('label', {}, 'Go to entity', name), el('button', {type: 'submit'}, 'Open'));
  show(el('h1', {}, 'Entities'),
    find,
    filters(params, [['type', 'Type', 'PER, ORG, LOC, MISC'], ['sort', 'Order', 'mentions or documents']], (p) => navigate('#/entities', p)),
    el('table', {}, el('tr', {}, el('th', {}, 'Name'), el('th', {}, 'Type'), el('th', {}, 'Mentions'), el('th', {}, 'Documents'), el('th', {}, 'Also written')),
      r.items.map((e) => el('tr', {}, el('td', {}, entityLink(e.name, e.id)), el('td', {}, el('span', {class: `tag ${e.type}`}, e.type)),
        el('td', {}, e.mentions), el('td', {}, e.documents),
        el('td', {class: 'meta'}, countList(e.aliases, 6).filter(([a]) => a !== e.name).map(([a]) => a).join(', '))))),
    pager(params, r.total, r.items.length, (p) => navigate('#/entities', p)));
}

async function entityPage(arg) {
  const page = await api(`/api/entity/${enc(arg)}`);
  const e = page.entity;
  const who = `e${e.id}`;
  const [said, about, acts] = await Promise.all([
    apiPage(`/api/quotes?speaker=${who}&limit=1000`),
    apiPage(`/api/quotes?about=${who}&limit=${PAGE}`),
    apiPage(`/api/events?actor=${who}&limit=${PAGE}`)]);
  const section = (title, r, render, href) => [el('h2', {}, `${title} (${r.total})`),
    r.items.length ? r.items.map(render) : el('p', {class: 'muted'}, 'None found.'),
    r.total > r.items.length ? el('p', {}, el('a', {href}, `All ${r.total} →`)) : ''];
  // What the entity talked about: the entities its quotes name, most often first.
  const topics = new Map();
  for (const q of said.items) for (const a of q.about || []) {
    const k = a.id !== null && a.id !== undefined ? `e${a.id}` : a.name;
    const t = topics.get(k) || {key: k, name: a.name, n: 0};
    t.n++; topics.set(k, t);
  }
  const chips = el('div', {class: 'chips'});
  const saidHead = el('h2', {}, `Quotes by ${e.name} (${said.total})`);
  const saidList = el('div', {id: 'quotes-by'}, said.items.slice(0, PAGE).map(quoteCard));
  const filterBy = (t, button) => {
    for (const b of chips.querySelectorAll('button')) b.classList.toggle('on', b === button && t !== null);
    const shown = t === null ? said.items : said.items.filter((q) => (q.about || []).some((a) => (a.id !== null && a.id !== undefined ? `e${a.id}` : a.name) === t.key));
    saidHead.textContent = t === null ? `Quotes by ${e.name} (${said.total})` : `Quotes by ${e.name} about ${t.name} (${shown.length})`;
    saidList.replaceChildren(...(shown.length ? shown.slice(0, t === null ? PAGE : shown.length).map(quoteCard) : [el('p', {class: 'muted'}, 'None found.')]));
  };
  if (topics.size) {
    chips.append(el('span', {class: 'meta'}, 'About: '));
    for (const t of [...topics.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name)).slice(0, 30)) {
      const b = el('button', {data: {topic: t.name}}, `${t.name} ${t.n}`);
      b.addEventListener('click', () => (b.classList.contains('on') ? filterBy(null, null) : filterBy(t, b)));
      chips.append(b);
    }
  }
  const aliases = countList(e.aliases, 50);
  const roles = countList(e.roles, 20);
  show(el('h1', {}, e.name, ' ', el('span', {class: `tag ${e.type}`}, e.type), el('span', {class: 'meta'}, ` entity ${e.id}`)),
    el('p', {class: 'meta'}, `${e.mentions} mentions in ${e.documents} documents`, e.first_seen ? ` · seen ${e.first_seen.slice(0, 10)} – ${(e.last_seen || '').slice(0, 10)}` : ''),
    aliases.length ? el('p', {}, 'Written as: ', aliases.map(([a, n], i) => [i ? ', ' : '', el('span', {class: 'alias'}, a), el('span', {class: 'meta'}, ` ×${n}`)])) : '',
    roles.length ? el('p', {}, 'Roles: ', roles.map(([r, n], i) => [i ? ', ' : '', r, el('span', {class: 'meta'}, ` ×${n}`)])) : '',
    page.also.length ? el('p', {class: 'meta'}, 'The name could also mean: ', page.also.map((o, i) => [i ? ', ' : '', entityLink(o.name, o.id)])) : '',
    el('div', {class: 'cols'},
      el('div', {}, saidHead, chips, saidList,
        said.total > PAGE ? el('p', {}, el('a', {href: `#/quotes?speaker=${who}`}, `All ${said.total} quotes →`)) : '',
        section(`Quotes about ${e.name}`, about, quoteCard, `#/quotes?about=${who}`)),
      el('div', {}, section('Events', acts, eventCard, `#/events?actor=${who}`),
        el('h2', {}, 'Often with'), el('p', {}, page.related.map((c) => [entityLink(c.name, c.id), el('span', {class: 'meta'}, ` ${c.count}  `)])),
        el('p', {}, el('a', {href: `#/timeline?entity=${who}`}, 'Timeline of this entity →')))),
    corrections(e.name),
    el('h2', {}, `Documents (${page.documents.length})`),
    el('table', {}, page.docs.map((d) => el('tr', {}, el('td', {class: 'meta'}, (d.date || '').slice(0, 10)), el('td', {}, docLink(d.id, null, d.title || '(no title)')),
      el('td', {class: 'meta'}, d.outlet || '')))),
    page.documents.length > page.docs.length ? el('p', {class: 'muted'}, `The latest ${page.docs.length}.`) : '');
}

// Corrections go to the judgements file; the server accepts them only with its token, which
// stays in this tab's session storage.
function corrections(name) {
  const status = el('span', {class: 'meta', id: 'correction-status'});
  const token = el('input', {type: 'password', placeholder: 'server token', value: sessionStorage.getItem('dossier-token') || '', maxlength: 200});
  const other = el('input', {placeholder: 'other name', maxlength: 200});
  const send = async (path, body) => {
    sessionStorage.setItem('dossier-token', token.value);
    try {
      const r = await fetch(path, {method: 'POST', headers: {'Content-Type': 'application/json', Authorization: `Bearer ${token.value}`}, body: JSON.stringify(body)});
      const j = await r.json().catch(() => ({}));
      status.textContent = r.ok ? `${j.added ? 'Recorded' : 'Already recorded'}: ${j.judgement.split('\t').join(' · ')}` : `Refused: ${j.error || r.status}`;
    } catch (e) { status.textContent = `Failed: ${e.message}`; }
  };
  const v = () => other.value.trim();
  return el('details', {}, el('summary', {}, 'Corrections'),
    el('div', {class: 'filters'}, el('label', {}, 'Token', token), el('label', {}, 'Other name or alias', other),
      el('button', {on: {click: () => v() && send('/api/merge', {a: name, b: v()})}}, 'Same entity (merge)'),
      el('button', {on: {click: () => v() && send('/api/not-same', {a: name, b: v()})}}, 'Not the same'),
      el('button', {on: {click: () => v() && send('/api/split', {entity: name, alias: v()})}}, 'Split alias off')),
    status);
}

async function storiesPage(params) {
  const offset = Number(params.get('offset') || 0);
  const noCopies = params.get('no_copies') === '1';
  const minDocs = Number(params.get('min_docs') || 2);
  const r = await apiPage(`/api/stories?limit=${PAGE}&offset=${offset}&min_docs=${minDocs}${noCopies ? '&no_copies=true' : ''}`);
  const go = (p) => navigate('#/stories', p);
  const toggle = (k, v) => { const q = new URLSearchParams(params); q.delete('offset'); if (v === null) q.delete(k); else q.set(k, v); go(q); };
  show(el('h1', {}, 'Stories'),
    el('p', {class: 'filters'},
      el('button', {on: {click: () => toggle('min_docs', minDocs > 1 ? '1' : null)}}, minDocs > 1 ? 'Show single-article stories' : 'Only stories with 2+ articles'),
      el('button', {on: {click: () => toggle('no_copies', noCopies ? null : '1')}}, noCopies ? 'Count copies' : 'Leave copies out')),
    r.items.length ? el('table', {}, el('tr', {}, el('th', {}, 'Story'), el('th', {}, 'Dates'), el('th', {}, 'Articles'), el('th', {}, 'Names')),
      r.items.map((s) => el('tr', {},
        el('td', {}, el('a', {href: `#/story/${s.id}`}, s.title || `story ${s.id}`)),
        el('td', {class: 'meta'}, s.start ? (s.end && s.end !== s.start ? `${s.start} – ${s.end}` : s.start) : 'undated'),
        el('td', {class: 'meta'}, `${s.documents.length}`, s.copies ? ` (${s.copies} copies)` : ''),
        el('td', {class: 'meta'}, s.entities.slice(0, 5).map((e) => e.name).join(', ')))))
      : el('p', {class: 'muted'}, 'No stories yet.'),
    pager(params, r.total, r.items.length, go));
}

// A sentence with one part of it marked; the part is found by its text (the API gives the
// sentence and the words, not offsets within the sentence).
function marked(sentence, part, cls) {
  const i = part ? sentence.indexOf(part) : -1;
  if (i < 0) return el('span', {}, sentence);
  return el('span', {}, sentence.slice(0, i), el('mark', {class: cls || null}, part), sentence.slice(i + part.length));
}

function claimLine(c) {
  return el('li', {class: 'claim'},
    el('strong', {}, c.outlet || 'unknown outlet'), ' · ', el('span', {class: 'meta'}, c.date || 'undated'), ' · ',
    el('q', {}, marked(c.sentence, c.text, 'figure')), ' ',
    docLink(c.doc, {start: c.start, end: c.end}, 'in article'), ' · ',
    el('a', {href: `#/doc/${enc(c.doc)}?start=${c.start}&end=${c.end}&source=1`}, 'in source'));
}

function conflictBox(k, withStory) {
  const range = (c) => (c.high === null || c.high === undefined ? `${c.low}+` : c.low === c.high ? `${c.low}` : `${c.low}–${c.high}`);
  return el('div', {class: k.kind === 'conflict' ? 'conflict' : 'update', data: {measure: k.about}},
    el('div', {}, el('span', {class: 'tag'}, k.kind === 'conflict' ? 'Conflicting figures' : 'Updated figure'), ' ',
      el('strong', {}, k.about), ': ', k.claims.map((c) => range(c)).join(' vs '),
      el('span', {class: 'meta'}, ` (${k.relation})`),
      withStory ? [' · ', el('a', {href: `#/story/${k.story}`}, `story ${k.story}`)] : ''),
    el('ul', {}, k.claims.map(claimLine)));
}

async function storyPage(id) {
  const s = await api(`/api/story/${enc(id)}`);
  const disputed = new Map();
  for (const k of s.conflicts) for (const c of k.claims) {
    if (!disputed.has(c.doc)) disputed.set(c.doc, []);
    disputed.get(c.doc).push(c);
  }
  // Copies fold under the earliest article of the story they copy.
  const inStory = new Set(s.docs.map((d) => d.id));
  const copiesOf = new Map();
  const originals = [];
  for (const d of s.docs) {
    const of = d.copy_of.find((o) => inStory.has(o));
    if (of) { if (!copiesOf.has(of)) copiesOf.set(of, []); copiesOf.get(of).push(d); }
    else originals.push(d);
  }
  const byOutlet = new Map();
  for (const d of originals) {
    const o = d.outlet || 'Unknown outlet';
    if (!byOutlet.has(o)) byOutlet.set(o, []);
    byOutlet.get(o).push(d);
  }
  const outlets = [...byOutlet.keys()].sort((a, b) => a.localeCompare(b));
  const row = (d) => {
    const copies = copiesOf.get(d.id) || [];
    const claims = disputed.get(d.id) || [];
    return el('li', {class: claims.length ? 'article disputed' : 'article'},
      el('span', {class: 'meta'}, (d.date || 'undated').slice(0, 10)), ' ', docLink(d.id, null, d.title || '(no title)'),
      claims.length ? [' ', el('span', {class: 'tag warn'}, 'disputed: ', claims.map((c) => c.text).join('; '))] : '',
      copies.length ? el('details', {class: 'copies'}, el('summary', {}, `${copies.length} ${copies.length === 1 ? 'copy' : 'copies'}`),
        el('ul', {}, copies.map((c) => el('li', {}, el('span', {class: 'meta'}, `${(c.date || 'undated').slice(0, 10)} · ${c.outlet || 'unknown outlet'} `), docLink(c.id, null, c.title || '(no title)'))))) : '');
  };
  show(el('h1', {}, s.title || `Story ${s.id}`),
    el('p', {class: 'meta'}, `story ${s.id} · `, s.start ? (s.end && s.end !== s.start ? `${s.start} – ${s.end}` : s.start) : 'undated',
      ` · ${s.documents.length} articles`, s.copies ? `, ${s.copies} of them copies` : '', ` · ${outlets.length} outlets`),
    s.entities.length ? el('p', {}, 'Names: ', s.entities.slice(0, 12).map((e) => [entityLink(e.name), el('span', {class: 'meta'}, ` ${e.count}  `)])) : '',
    s.conflicts.length ? [el('h2', {}, `Conflicts (${s.conflicts.length})`), s.conflicts.map((k) => conflictBox(k, false))]
      : el('p', {class: 'muted'}, 'The articles of this story do not disagree on any figure.'),
    s.key_quotes.length || s.key_events.length ? el('div', {class: 'cols'},
      el('div', {}, el('h2', {}, 'Key quotes'), s.key_quotes.map(quoteCard)),
      el('div', {}, el('h2', {}, 'Key events'), s.key_events.map(eventCard))) : '',
    el('h2', {}, 'Articles by outlet'),
    outlets.map((o) => el('section', {class: 'outlet'}, el('h3', {}, o, el('span', {class: 'meta'}, ` · ${byOutlet.get(o).length}`)),
      el('ul', {class: 'articles'}, byOutlet.get(o).slice().sort((a, b) => (a.date || '').localeCompare(b.date || '')).map(row)))));
}

async function conflictsPage(params) {
  const offset = Number(params.get('offset') || 0);
  const r = await apiPage(`/api/conflicts?limit=${PAGE}&offset=${offset}`);
  show(el('h1', {}, 'Conflicts'),
    el('p', {class: 'muted'}, 'Figures that the articles of one story report differently.'),
    r.items.length ? r.items.map((k) => conflictBox(k, true)) : el('p', {class: 'muted'}, 'No conflicting figures found.'),
    pager(params, r.total, r.items.length, (p) => navigate('#/conflicts', p)));
}

// ---------- routing, search, keys ----------

let pageKeys = null;

async function route() {
  pageKeys = null;
  results.hidden = true;
  const h = location.hash.replace(/^#/, '') || '/';
  const [path, query] = h.split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const title = {entities: 'Entities', quotes: 'Quotes', events: 'Events', timeline: 'Timeline', stories: 'Stories', conflicts: 'Conflicts'};
  try {
    switch (parts[0]) {
      case undefined: await documentsPage(params); break;
      case 'search': await searchPage(params); break;
      case 'doc': await documentPage(parts[1], params); break;
      case 'entities': await entitiesPage(params); break;
      case 'entity': await entityPage(parts.slice(1).join('/')); break;
      case 'quotes': await quotesPage(params); break;
      case 'events': await eventsPage(params); break;
      case 'timeline': await timelinePage(params); break;
      case 'stories': await storiesPage(params); break;
      case 'story': await storyPage(parts[1]); break;
      case 'conflicts': await conflictsPage(params); break;
      default: show(el('p', {class: 'error'}, 'No such page.'));
    }
    document.title = `dossier · ${title[parts[0]] || (parts[0] === 'entity' ? parts.slice(1).join('/') : parts[0] || 'documents')}`;
  } catch (e) {
    show(el('h1', {}, title[parts[0]] || 'dossier'), failure(e));
  }
  document.body.dataset.ready = '1';
}

let pending = 0;
async function instant() {
  const q = search.value.trim();
  const mine = ++pending;
  if (!q) { results.hidden = true; return; }
  try {
    const [hits, page] = await Promise.all([api(`/api/search?q=${enc(q)}&limit=8`), api(`/api/entity/${enc(q)}`).catch(() => null)]);
    if (mine !== pending) return;
    const ent = page ? [page.entity, ...page.also] : [];
    results.replaceChildren(
      ...ent.map((e) => el('a', {href: `#/entity/${e.id}`, class: 'entity-hit'}, el('span', {class: `tag ${e.type}`}, e.type), el('strong', {}, e.name), el('span', {class: 'meta'}, ' entity: quotes, events, documents'))),
      ...hits.map((h) => el('a', {href: `#/doc/${enc(h.id)}`}, el('strong', {}, h.title || '(no title)'), ' ', metaLine(h), snippet(h.snippet))),
      el('a', {href: `#/search?q=${enc(q)}`}, hits.length ? 'All results →' : 'No match'));
    results.hidden = false;
  } catch (_) { results.hidden = true; }
}

let timer = null;
search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(instant, 120); });
document.getElementById('search-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  if (search.value.trim()) navigate('#/search', new URLSearchParams({q: search.value.trim()}));
});
search.addEventListener('keydown', (ev) => {
  if (ev.key === 'ArrowDown' && !results.hidden) { ev.preventDefault(); const a = results.querySelector('a'); if (a) a.focus(); }
});
results.addEventListener('keydown', (ev) => {
  const a = document.activeElement;
  if (ev.key === 'ArrowDown' && a.nextElementSibling) { ev.preventDefault(); a.nextElementSibling.focus(); }
  if (ev.key === 'ArrowUp') { ev.preventDefault(); (a.previousElementSibling || search).focus(); }
});
document.addEventListener('keydown', (ev) => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
  if (ev.key === 'Escape') { results.hidden = true; if (typing) document.activeElement.blur(); return; }
  if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (ev.key === '/') { ev.preventDefault(); search.focus(); search.select(); return; }
  if (ev.key === 'g') { location.hash = '#/'; return; }
  if (pageKeys && pageKeys(ev)) ev.preventDefault();
});
document.addEventListener('click', (ev) => { if (!results.contains(ev.target) && ev.target !== search) results.hidden = true; });
window.addEventListener('hashchange', route);
route();
