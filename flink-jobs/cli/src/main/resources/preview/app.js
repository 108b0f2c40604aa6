// AVA Stream live preview: follows /events (server-sent events) and redraws a title on each update.
'use strict';

const titles = new Map();          // titleId -> latest state (as the server sends it)
const sections = new Map();        // titleId -> <section>

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'style') e.setAttribute('style', v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

const fmtTime = us => {
  const s = Math.max(0, us / 1e6);
  const m = Math.floor(s / 60);
  return `${m}:${(s - 60 * m).toFixed(1).padStart(4, '0')}`;
};
// Numbers as the server sends them: NaN and infinities arrive as null (JSON has no such numbers).
const fmtNum = (v, digits) => (typeof v === 'number' ? v.toFixed(digits) : '—');
const pct = (a, b) => (b > 0 ? Math.min(100, (100 * a) / b) : 0);

function totalFrames(t) {
  let n = t.titleFrameCount || 0;
  for (const s of t.shots) n = Math.max(n, s.endFrame + 1);
  for (const c of t.candidates) n = Math.max(n, c.frameIndex + 1);
  return Math.max(n, t.framesProcessed, 1);
}

function shotColour(s) {
  if (s.dominantColours && s.dominantColours.length) return s.dominantColours[0].rgb;
  return s.index % 2 ? '#3a4454' : '#4b5666';
}

// Thumbnails already loaded are moved into the new cards, not fetched and decoded again: a redraw
// does not blink.
const thumbs = new Map();          // titleId -> Map(frameIndex -> <img>)

function thumbImg(t, c) {
  let m = thumbs.get(t.titleId);
  if (!m || m.runId !== t.runId) {    // a new run of the title: other pictures under the same frame numbers
    thumbs.set(t.titleId, m = new Map());
    m.runId = t.runId;
  }
  // The still travels on its own topic and may reach the server after the update that names it; the
  // server sends the title again, with the address, once it has.
  if (!c.thumb) {
    return el('div', { class: 'awaiting' }, 'still on its way');
  }
  let img = m.get(c.frameIndex);
  if (!img) {
    img = el('img', { src: c.thumb, alt: `frame ${c.frameIndex}`, width: c.thumbnailWidth, height: c.thumbnailHeight });
    m.set(c.frameIndex, img);
  }
  return img;
}

function forgetThumbs(t) {
  const m = thumbs.get(t.titleId);
  if (!m) return;
  const keep = new Set(t.candidates.map(c => c.frameIndex));
  for (const f of [...m.keys()]) if (!keep.has(f)) m.delete(f);
}

function renderTitle(t) {
  const total = totalFrames(t);
  const head = el('div', { class: 'title-head' },
    el('h2', {}, t.titleId),
    t.complete ? el('span', { class: 'badge done' }, 'complete')
               : el('span', { class: 'badge' }, 'ingesting'),
    t.errors.length ? el('span', { class: 'badge err' }, `${t.errors.length} error(s)`) : null,
    el('span', { class: 'badge' }, `version ${t.version}`),
    // The weight profile the stills are ranked with (docs/ranking.md); older updates have none.
    t.profile ? el('span', { class: 'badge profile', title: 'weight profile (--profile)' }, `profile ${t.profile}`) : null,
    el('span', { class: 'source', title: t.source }, t.source),
    // The set as ava export writes it: every still at full resolution, contact sheet, manifest (ZIP).
    el('a', { class: 'download-set', href: `/api/export/set?title=${encodeURIComponent(t.titleId)}`, download: '',
              title: 'download the top-K at full resolution with a contact sheet and a manifest (ZIP)' }, 'Download set'));

  const chunkPct = pct(t.chunksAssembled, t.chunkCount);
  const framePct = pct(t.framesProcessed, t.titleFrameCount);
  const progress = el('div', { class: 'progress' },
    el('div', { class: 'bar', title: 'chunks assembled' }, el('div', { style: `width:${chunkPct}%` })),
    // A live title's chunk count is unknown (-1) until its end-of-title event.
    el('div', { class: 'stats' }, 'chunks ', el('b', { class: 'chunks' }, t.chunkCount >= 0 ? `${t.chunksAssembled}/${t.chunkCount}` : `${t.chunksAssembled}/?`),
       ` (${t.chunksReceived} received)`),
    el('div', { class: 'bar', title: 'frames processed' }, el('div', { style: `width:${framePct}%` })),
    el('div', { class: 'stats' }, 'frames ',
       el('b', { class: 'frames' }, t.titleFrameCount ? `${t.framesProcessed}/${t.titleFrameCount}` : `${t.framesProcessed}`),
       ` · ${t.shotsClosed} shots · pool ${t.poolSize}`));

  const track = el('div', { class: 'track' },
    el('div', { class: 'processed', style: `width:${pct(t.framesProcessed, total)}%` }),
    t.shots.map(s => el('div', {
      class: 'shot', 'data-shot': s.index,
      style: `left:${pct(s.startFrame, total)}%;width:${pct(s.endFrame - s.startFrame + 1, total)}%;background:${shotColour(s)}`,
      title: `shot ${s.index}: frames ${s.startFrame}–${s.endFrame} (${fmtTime(s.startUs)}–${fmtTime(s.endUs)}), `
           + `${s.transitionIn.toLowerCase()} → ${s.transitionOut.toLowerCase()}`,
    })));
  const markers = t.candidates.map(c => el('div', {
    class: 'marker', 'data-frame': c.frameIndex, style: `left:${pct(c.frameIndex + 0.5, total)}%`,
    title: `#${c.rank} frame ${c.frameIndex} (${fmtTime(c.timeUs)}) score ${fmtNum(c.score, 3)}`,
    onclick: () => openDetail(t.titleId, c),
  }, el('span', {}, c.rank)));
  const timeline = el('div', { class: 'timeline', title: 'shots (segments) and candidates (markers)' }, track, markers);
  const axis = el('div', { class: 'axis' }, el('span', {}, 'frame 0'),
    el('span', {}, `${t.shots.length} shots on ava.shots · ${t.candidates.length} candidates`),
    el('span', {}, `frame ${total - 1}`));

  const added = new Set(t.added);
  const grid = el('div', { class: 'grid' }, t.candidates.map(c => el('div', {
    class: 'card' + (added.has(c.frameIndex) ? ' new' : '') + (c.verdict ? ' ' + c.verdict.toLowerCase() : ''),
    'data-frame': c.frameIndex, 'data-verdict': c.verdict || '', tabindex: 0,
    onclick: () => openDetail(t.titleId, c),
    onkeydown: e => { if (e.key === 'Enter') openDetail(t.titleId, c); },
  },
    el('div', { class: 'thumb' },
      thumbImg(t, c),
      el('span', { class: 'rank' }, `#${c.rank}`),
      el('span', { class: 'score' }, fmtNum(c.score, 3))),
    el('div', { class: 'meta' },
      el('div', { class: 'when' }, `frame ${c.frameIndex} · ${fmtTime(c.timeUs)} · shot ${c.shotIndex >= 0 ? c.shotIndex : '?'}`),
      el('ul', { class: 'reasons' }, c.reasons.map(r => el('li', { class: r.includes('(-') ? 'neg' : null }, r))),
      el('div', { class: 'who' }, 'main character: ', c.mainCharacter == null ? '—' : String(c.mainCharacter)),
      // the still at full resolution, as ava export writes it; a click here downloads, it does not open the detail
      el('div', { class: 'actions' },
        el('a', { class: 'download', href: `/api/export/still?${q(t.titleId, c.frameIndex)}`, download: '',
                  title: 'download this still at full resolution (PNG)', onclick: e => e.stopPropagation() }, 'Download PNG'),
        // a curator's verdict, to ava.feedback: the ranker learns this profile's weights from them (docs/feedback.md)
        verdictButton(t, c, 'PICK', 'Pick', 'a good still: the ranker learns to rank stills like it higher'),
        verdictButton(t, c, 'REJECT', 'Reject', 'not a good still: the ranker learns to rank stills like it lower'))))));

  const errors = t.errors.length ? el('ul', { class: 'errors' }, t.errors.map(e => el('li', {}, e))) : null;
  return [head, progress, errors, timeline, axis, grid];
}

/** Pick or Reject: sends the verdict (a second click on the chosen one takes it back) and shows it at once. */
function verdictButton(t, c, verdict, label, tip) {
  const on = c.verdict === verdict;
  return el('button', { type: 'button', class: `verdict ${verdict.toLowerCase()}`, 'aria-pressed': on ? 'true' : 'false',
    title: tip, onclick: async e => {
      e.stopPropagation();
      const send = on ? 'CLEAR' : verdict;
      const r = await fetch(`/api/feedback?${q(t.titleId, c.frameIndex)}&verdict=${send}`, { method: 'POST' });
      if (!r.ok) { alert(await r.text()); return; }
      c.verdict = send === 'CLEAR' ? null : send;
      upsert(t);
    } }, label);
}

function upsert(t) {
  titles.set(t.titleId, t);
  let sec = sections.get(t.titleId);
  if (!sec) {
    sec = el('section', { class: 'title' });
    sections.set(t.titleId, sec);
    const main = document.getElementById('titles');
    const after = [...sections.keys()].sort().indexOf(t.titleId);
    const existing = main.querySelectorAll('section.title');
    main.insertBefore(sec, existing[after] || null);
  }
  sec.dataset.title = t.titleId;
  sec.dataset.version = t.version;
  sec.dataset.complete = t.complete;
  sec.replaceChildren(...renderTitle(t).filter(Boolean), searchBlock(t.titleId));
  forgetThumbs(t);
  // when each version was drawn (wall clock), for measuring update-to-page latency
  (window.avaRenders = window.avaRenders || []).push({ title: t.titleId, version: t.version, at: Date.now() });
  if (window.avaRenders.length > 1000) window.avaRenders.splice(0, 500);
  document.getElementById('empty').hidden = true;
}

// ---- search ----------------------------------------------------------------------------------

const searches = new Map();        // titleId -> its search block (kept across redraws of the title)

/** The title's query box and results: every analysed frame of the title, searched on the server (docs/search.md). */
function searchBlock(titleId) {
  let block = searches.get(titleId);
  if (block) return block;
  const input = el('input', { type: 'search', name: 'q', class: 'query', 'aria-label': `search the frames of ${titleId}`,
    placeholder: 'search every frame: close-up, main character, smiling, no text' });
  const status = el('div', { class: 'search-status', role: 'status' });
  const results = el('div', { class: 'search-results' });
  const form = el('form', { class: 'search', onsubmit: e => { e.preventDefault(); runSearch(titleId, input.value, status, results); } },
    input, el('button', { type: 'submit' }, 'Search'),
    el('a', { class: 'help', href: '/api/query-help', target: '_blank', title: 'the query language (ava search --help-query)' }, 'query help'));
  block = el('div', { class: 'search-block', 'data-title': titleId }, form, status, results);
  searches.set(titleId, block);
  return block;
}

async function runSearch(titleId, text, status, results) {
  status.className = 'search-status';
  status.textContent = 'searching…';
  results.replaceChildren();
  try {
    const r = await fetch(`/api/search?title=${encodeURIComponent(titleId)}&q=${encodeURIComponent(text)}`);
    if (!r.ok) {
      status.className = 'search-status error';
      status.textContent = await r.text();
      return;
    }
    const d = await r.json();
    status.replaceChildren(
      el('div', {}, `${d.matched} of ${d.frames} frames match (${d.measured} with the fields the query reads measured)`
        + (d.hits.length < d.matched ? ` · the best ${d.hits.length}` : '')),
      el('ul', { class: 'clauses' }, d.clauses.map(c => el('li', {}, c))));
    results.replaceChildren(...d.hits.map(h => el('div', { class: 'hit', 'data-frame': h.frameIndex },
      el('img', { src: h.thumb, alt: `frame ${h.frameIndex}`, loading: 'lazy' }),
      el('div', { class: 'meta' },
        el('div', {}, `#${h.rank} · frame ${h.frameIndex} · ${fmtTime(h.timeUs)} · shot ${h.shotIndex >= 0 ? h.shotIndex : '–'}`),
        el('div', {}, `score ${fmtNum(h.score, 3)}${h.character ? ' · ' + h.character : ''}`),
        h.summary ? el('div', { class: 'dim' }, h.summary) : null))));
  } catch (e) {
    status.className = 'search-status error';
    status.textContent = String(e);
  }
}

// ---- detail view ---------------------------------------------------------------------------

const q = (title, frame) => `title=${encodeURIComponent(title)}&frame=${frame}`;

function row(k, v, num) {
  return el('tr', {}, el('td', {}, k), el('td', { class: num ? 'num' : null }, v));
}

function fmtValue(v) {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(4);
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return v.map(x => (typeof x === 'object' && x !== null
      ? Object.entries(x).map(([a, b]) => `${a}=${fmtValue(b)}`).join(' ') : fmtValue(x))).join('; ');
  }
  // name=value pairs with spaces, so a long map (e.g. nudity probabilities) wraps instead of widening the table
  if (typeof v === 'object') return Object.entries(v).map(([a, b]) => `${a}=${fmtValue(b)}`).join(', ');
  return String(v);
}

const share = v => `${(100 * v).toFixed(1)}%`;

/** Outlines of the faces, objects and text regions the models found, over the still (boxes in shares of the frame). */
function drawBoxes(content) {
  const boxes = document.getElementById('detail-boxes');
  boxes.replaceChildren();
  if (!content) return;
  const add = (kind, b, label) => {
    const [x, y, w, h] = b.map(v => Math.max(0, v));
    boxes.append(el('div', { class: `box ${kind}`, style: `left:${share(x)};top:${share(y)};width:${share(Math.min(w, 1 - x))};height:${share(Math.min(h, 1 - y))}` },
      el('span', {}, label)));
  };
  for (const o of content.objects || []) add('object', o.box, `${o.label} ${Math.round(100 * o.score)}%`);
  for (const t of content.textRegions || []) add('text', t, 'text');
  for (const f of content.faces || []) add('face', f.box, `face ${f.trackId >= 0 ? '#' + f.trackId : ''} ${f.expression}`);
}

/** Each canvas's crop: outlined on the still, and as a picture cut at full resolution with a download link. */
function showCrops(titleId, c, crops) {
  const holder = document.getElementById('detail-crops');
  holder.replaceChildren();
  const boxes = document.getElementById('detail-boxes');
  if (!crops || !crops.length) { holder.append(el('p', { class: 'dim' }, 'no crops in the record')); return; }
  for (const k of crops) {
    const tag = k.canvas.replace(':', 'x');
    const outline = el('div', { class: 'box crop', 'data-canvas': k.canvas, hidden: '',
      style: `left:${share(k.x)};top:${share(k.y)};width:${share(k.width)};height:${share(k.height)}` },
      el('span', {}, `${k.canvas} ${k.purpose}`));
    boxes.append(outline);
    const src = `/api/export/crop?${q(titleId, c.frameIndex)}&canvas=${encodeURIComponent(k.canvas)}`;
    const why = `placed by ${k.subject.toLowerCase()}, ${k.facesInside} face(s) kept` + (k.facesCut ? `, ${k.facesCut} cut` : '');
    holder.append(el('figure', { class: 'crop', 'data-canvas': k.canvas,
      onmouseenter: () => { outline.hidden = false; }, onmouseleave: () => { outline.hidden = true; } },
      el('img', { src, alt: `${k.canvas} crop`, loading: 'lazy' }),
      el('figcaption', {}, el('b', {}, `${k.canvas} ${k.purpose}`), ` · ${why} · `,
        el('a', { class: 'download', href: `${src}&download=1`, download: '', title: `download the ${k.canvas} crop (PNG)` }, 'PNG'))));
  }
}

/** The model fields in words: shot type, each face, people and objects, text, nudity. */
function showContent(content) {
  const t = document.getElementById('detail-content');
  t.replaceChildren();
  if (!content) { t.append(row('models', '— (not in the record)')); return; }
  if (content.modelFrame === 'NONE') { t.append(row('models', 'not run on this frame')); return; }
  t.append(row('shot type', content.shotType.replaceAll('_', ' ').toLowerCase()));
  t.append(row('camera', content.cameraMotion.toLowerCase()));
  if (!content.faces.length) t.append(row('faces', 'none'));
  content.faces.forEach((f, i) => t.append(row(`face ${i + 1}${f.trackId >= 0 ? ' (track ' + f.trackId + ')' : ''}`,
    `${f.expression}, eyes ${f.eyesOpen ? 'open' : 'closed'}, mouth ${f.mouthOpen ? 'open' : 'closed'}, ` +
    `yaw ${fmtNum(f.yaw, 0)}° pitch ${fmtNum(f.pitch, 0)}° roll ${fmtNum(f.roll, 0)}°, ` +
    `${share(f.share)} of the frame, sharpness ${fmtNum(f.sharpness, 2)}`)));
  t.append(row('people', String(content.personCount)));
  const objects = content.objects.filter(o => o.label !== 'person');
  t.append(row('objects', objects.length ? objects.map(o => `${o.label} ${Math.round(100 * o.score)}%`).join(', ') : 'none'));
  t.append(row('subject', content.subjectSource === 'NONE' || content.subjectSource === 'UNKNOWN' ? 'none'
    : `${content.subjectSource.toLowerCase()}, rule of thirds ${fmtNum(content.subjectThirdsScore, 2)}`));
  t.append(row('text', content.textCoverage > 0 ? `${share(content.textCoverage)} of the frame, ${content.textRegions.length} region(s)` : 'none'));
  t.append(row('nudity', `explicit ${fmtNum(content.nudityExplicit, 2)}, suggestive ${fmtNum(content.nuditySuggestive, 2)}`));
}

/** Annotation fields shown above in words: listed here by count only (the full record is on Kafka). */
const SHOWN_ABOVE = new Set(['faces', 'objects', 'textRegions']);

async function openDetail(titleId, c) {
  const box = document.getElementById('detail');
  document.getElementById('detail-title').textContent =
    `${titleId} · #${c.rank} · frame ${c.frameIndex} · ${fmtTime(c.timeUs)} · score ${fmtNum(c.score, 3)}`;
  const img = document.getElementById('detail-img');
  const cap = document.getElementById('detail-cap');
  cap.textContent = 'decoding the full-resolution frame…';
  img.onload = () => { cap.textContent = `full resolution ${img.naturalWidth}×${img.naturalHeight}`; };
  img.onerror = () => { cap.textContent = 'the frame could not be decoded (see the server log)'; };
  img.src = `/api/still?${q(titleId, c.frameIndex)}&run=${encodeURIComponent((titles.get(titleId) || {}).runId || '')}`;
  const comps = document.getElementById('detail-components');
  const ann = document.getElementById('detail-annotation');
  comps.replaceChildren();
  ann.replaceChildren();
  drawBoxes(null);
  document.getElementById('detail-content').replaceChildren();
  document.getElementById('detail-crops').replaceChildren();
  box.hidden = false;
  box.dataset.frame = c.frameIndex;
  try {
    const r = await fetch(`/api/candidate?${q(titleId, c.frameIndex)}`);
    if (!r.ok) { ann.replaceChildren(row('error', await r.text())); return; }
    const d = await r.json();
    comps.append(el('tr', {}, el('td', {}, 'component'), el('td', { class: 'num' }, 'value × weight = contribution')));
    for (const p of d.components) {
      comps.append(row(p.name, `${fmtNum(p.value, 3)} × ${fmtNum(p.weight, 2)} = ${p.contribution >= 0 ? '+' : ''}${fmtNum(p.contribution, 3)}`, true));
    }
    comps.append(row('score', fmtValue(d.score), true));
    comps.append(row('main character', d.mainCharacter == null ? '—' : fmtValue(d.mainCharacter)));
    showContent(d.content);
    drawBoxes(d.content);
    showCrops(titleId, c, d.crops);
    if (d.annotation) {
      for (const [k, v] of Object.entries(d.annotation)) {
        if (SHOWN_ABOVE.has(k) && Array.isArray(v)) ann.append(row(k, `${v.length} (see above)`, true));
        else ann.append(row(k, fmtValue(v), typeof v === 'number'));
      }
    } else {
      ann.append(row('annotation', '— (not in the record)'));
    }
    ann.dataset.loaded = 'true';
  } catch (e) {
    ann.replaceChildren(row('error', String(e)));
  }
}

function closeDetail() {
  const box = document.getElementById('detail');
  box.hidden = true;
  document.getElementById('detail-img').removeAttribute('src');
  delete document.getElementById('detail-annotation').dataset.loaded;
}

document.getElementById('detail-close').addEventListener('click', closeDetail);
document.getElementById('detail').addEventListener('click', e => { if (e.target.id === 'detail') closeDetail(); });
document.addEventListener('keydown', e => { if (e.key === 'Escape') closeDetail(); });

// ---- live updates --------------------------------------------------------------------------

const conn = document.getElementById('conn');
const events = new EventSource('/events');
events.addEventListener('open', () => { conn.dataset.state = 'live'; conn.textContent = 'live'; });
events.addEventListener('error', () => { conn.dataset.state = 'down'; conn.textContent = 'reconnecting…'; });
events.addEventListener('status', e => {
  const s = JSON.parse(e.data);
  document.getElementById('topic').textContent = `${s.candidatesTopic} at ${s.bootstrapServers}`;
  conn.dataset.state = 'live';
  conn.textContent = s.caughtUp ? `live · ${s.bootstrapServers}` : `catching up · ${s.bootstrapServers}`;
});
events.addEventListener('title', e => upsert(JSON.parse(e.data)));
