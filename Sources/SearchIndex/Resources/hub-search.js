// RecoveryHub search client: the analyzer (twin of Sources/SearchIndex), the query engine
// and the search page's UI, in one dependency-free ES module. The build also writes a
// classic-script copy (the `export` keywords removed, wrapped in a function) for pages
// opened from file://, where browsers refuse module scripts.
//
// Index files are classic scripts `__hubSearch("t/3",{…});`: fetched and parsed over
// http(s), loaded with <script> tags from file:// (where fetch is refused).

// ---- Analyzer: keep in step with TextFolding, StopWords, SpellingFolding, Analyzer, Porter2Stemmer.

const MAX_WORD = 40;
const SPELLED = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ı': 'i', 'þ': 'th', 'ð': 'd' };
const MARK = /\p{M}/u;
const WORD = /[\p{L}\p{N}]/u;

/** The folded words of `text`: NFKD, marks dropped, lowercased, apostrophes removed. */
export function words(text) {
  const out = [];
  let cur = '', len = 0;
  const flush = () => { if (cur) out.push(cur); cur = ''; len = 0; };
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (c < 0x80) {
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) { if (len < MAX_WORD) { cur += ch; len++; } }
      else if (c >= 0x41 && c <= 0x5a) { if (len < MAX_WORD) { cur += String.fromCharCode(c + 32); len++; } }
      else if (c !== 0x27) flush();
      continue;
    }
    if (c === 0x2019) continue;
    for (const d of ch.normalize('NFKD')) {
      if (MARK.test(d)) continue;
      for (const l of d.toLowerCase()) {
        for (const x of (SPELLED[l] || l)) {
          if (WORD.test(x)) { if (len < MAX_WORD) { cur += x; len++; } }
          else if (!MARK.test(x)) flush();
        }
      }
    }
  }
  flush();
  return out;
}

const STOP = new Set(('i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself ' +
  'it its itself they them their theirs themselves what which who whom this that these those am is are was were be ' +
  'been being have has had having do does did doing would should could ought im youre hes shes its were theyre ive ' +
  'youve weve theyve youd theyd youll theyll isnt arent wasnt werent hasnt havent ' +
  'hadnt doesnt dont didnt wont wouldnt shant shouldnt cant cannot couldnt mustnt lets thats whos whats heres theres ' +
  'whens wheres whys hows a an the and but if or because as until while of at by for with about against between into ' +
  'through during before after above below to from up down in out on off over under again further then once here there ' +
  'when where why how all any both each few more most other some such no nor not only own same so than too very').split(' '));

const OUR = 'behaviour colour favour honour labour neighbour humour rumour endeavour flavour vigour odour armour harbour candour tumour savour'.split(' ');
const DOUBLE_L = 'counsel travel label model cancel fuel signal level channel dial jewel tunnel quarrel rival marvel pedal panel enrol fulfil'.split(' ');
const L_SUFFIX = new Set(['ing', 'ings', 'ed', 'er', 'ers', 'or', 'ors']);
const PIECES = [['paed', 'ped'], ['haem', 'hem'], ['anaes', 'anes'], ['anaem', 'anem'], ['oestr', 'estr'], ['oedem', 'edem'],
  ['gynaec', 'gynec'], ['diarrhoe', 'diarrhe'], ['foet', 'fet'], ['programme', 'program'], ['judgement', 'judgment'],
  ['ageing', 'aging'], ['defence', 'defense'], ['offence', 'offense'], ['licence', 'license'], ['pretence', 'pretense'],
  ['catalogue', 'catalog'], ['dialogue', 'dialog'], ['grey', 'gray'], ['enrolment', 'enrollment'], ['fulfilment', 'fulfillment']];
const IZE = ['isation', 'isations', 'ise', 'ised', 'ises', 'ising', 'iser', 'isers'];
const YZE = ['yse', 'ysed', 'yses', 'ysing'];
const TRE = ['tre', 'tres'];

/** UK/US spelling folding: both spellings → one form. */
export function spelling(word) {
  if (word.length <= 4) return word;
  let w = word;
  for (const r of OUR) if (w.startsWith(r)) { w = r.slice(0, -2) + 'r' + w.slice(r.length); break; }
  for (const r of DOUBLE_L) if (w.startsWith(r + 'l')) { if (L_SUFFIX.has(w.slice(r.length + 1))) w = r + w.slice(r.length + 1); break; }
  for (const [uk, us] of PIECES) if (w.includes(uk)) w = w.split(uk).join(us);
  let e;
  if ((e = IZE.find(x => w.endsWith(x))) && w.length >= e.length + 3) w = w.slice(0, -e.length) + 'iz' + e.slice(2);
  else if ((e = YZE.find(x => w.endsWith(x))) && w.length >= e.length + 3) w = w.slice(0, -e.length) + 'yz' + e.slice(2);
  else if ((e = TRE.find(x => w.endsWith(x))) && w.length >= e.length + 3) w = w.slice(0, -e.length) + 'ter' + e.slice(3);
  return w;
}

const FIXES = {
  medication: 'medication', medications: 'medication', medicated: 'medication',
  mindful: 'mindful', mindfulness: 'mindful', mindfully: 'mindful',
  anxious: 'anxieti', anxiously: 'anxieti',
  therapist: 'therapi', therapists: 'therapi', therapeutic: 'therapi',
  psychiatrist: 'psychiatri', psychiatrists: 'psychiatri', psychiatric: 'psychiatri',
  psychological: 'psycholog',
  trauma: 'traumat', traumas: 'traumat',
};

const termCache = new Map();
/** The index term of one folded word, or null for a stop word. */
export function term(word) {
  let t = termCache.get(word);
  if (t === undefined) {
    if (STOP.has(word)) t = null;
    else {
      const s = spelling(word);
      t = Object.prototype.hasOwnProperty.call(FIXES, s) ? FIXES[s] : /^[a-z]+$/.test(s) ? stem(s) : s;
    }
    termCache.set(word, t);
  }
  return t;
}

/** The index terms of `text`, in order. */
export function terms(text) {
  return words(text).map(term).filter(t => t !== null);
}

// Porter2 (Snowball English).
const EXC = { skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', idly: 'idl', gently: 'gentl', ugly: 'ugli',
  early: 'earli', only: 'onli', singly: 'singl', sky: 'sky', news: 'news', howe: 'howe', atlas: 'atlas', cosmos: 'cosmos',
  bias: 'bias', andes: 'andes', international: 'internat' };
const EXC2 = new Set(['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed']);
const S2 = [['ization', 'ize'], ['ational', 'ate'], ['fulness', 'ful'], ['ousness', 'ous'], ['iveness', 'ive'],
  ['tional', 'tion'], ['biliti', 'ble'], ['lessli', 'less'], ['entli', 'ent'], ['ation', 'ate'],
  ['alism', 'al'], ['aliti', 'al'], ['ousli', 'ous'], ['iviti', 'ive'], ['fulli', 'ful'], ['ogist', 'og'],
  ['enci', 'ence'], ['anci', 'ance'], ['abli', 'able'], ['izer', 'ize'], ['ator', 'ate'],
  ['alli', 'al'], ['bli', 'ble'], ['ogi', 'og'], ['li', '']];
const S3 = [['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'], ['icate', 'ic'], ['iciti', 'ic'],
  ['ative', ''], ['ical', 'ic'], ['ness', ''], ['ful', '']];
const S4 = ['ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion', 'al', 'er', 'ic'];
const isV = c => c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || c === 'y';
const region = (w, start) => { for (let i = start + 1; i < w.length; i++) if (!isV(w[i]) && isV(w[i - 1])) return i + 1; return w.length; };
const shortSyl = w => {
  const n = w.length;
  if (n === 2) return isV(w[0]) && !isV(w[1]);
  if (n < 3) return false;
  const l = w[n - 1];
  return !isV(w[n - 3]) && isV(w[n - 2]) && !isV(l) && l !== 'w' && l !== 'x' && l !== 'Y';
};

/** Porter2 on a lowercase ASCII word. */
export function stem(word) {
  if (word.length <= 2) return word;
  if (Object.prototype.hasOwnProperty.call(EXC, word)) return EXC[word];
  let w = '';
  for (let i = 0; i < word.length; i++) w += word[i] === 'y' && (i === 0 || isV(word[i - 1])) ? 'Y' : word[i];
  const pre = ['gener', 'commun', 'arsen', 'past', 'univers', 'later', 'emerg', 'organ'].find(p => w.startsWith(p));
  const r1 = pre ? pre.length : region(w, 0);
  const r2 = region(w, r1);
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ied') || w.endsWith('ies')) w = w.slice(0, w.length > 4 ? -2 : -1);
  else if (w.endsWith('us') || w.endsWith('ss')) { /* kept */ }
  else if (w.endsWith('s') && w.length >= 2 && [...w.slice(0, -2)].some(isV)) w = w.slice(0, -1);
  if (EXC2.has(w)) return w;
  const s1 = ['eedly', 'ingly', 'edly', 'eed', 'ing', 'ed'].find(s => w.endsWith(s));
  if (s1) {
    if (s1 === 'eed' || s1 === 'eedly') { if (w.length - s1.length >= r1) w = w.slice(0, -(s1.length - 2)); }
    else if ([...w.slice(0, -s1.length)].some(isV)) {
      w = w.slice(0, -s1.length);
      if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
      else if (w.length >= 2 && w[w.length - 1] === w[w.length - 2] && 'bdfgmnprt'.includes(w[w.length - 1])) w = w.slice(0, -1);
      else if (r1 >= w.length && shortSyl(w)) w += 'e';
    }
  }
  if (w.length > 2 && (w.endsWith('y') || w.endsWith('Y')) && !isV(w[w.length - 2])) w = w.slice(0, -1) + 'i';
  let m = S2.find(([s]) => w.endsWith(s));
  if (m && w.length - m[0].length >= r1) {
    const end = w.length - m[0].length;
    if (m[0] === 'ogi') { if (end > 0 && w[end - 1] === 'l') w = w.slice(0, end) + m[1]; }
    else if (m[0] === 'li') { if (end > 0 && 'cdeghkmnrt'.includes(w[end - 1])) w = w.slice(0, end); }
    else w = w.slice(0, end) + m[1];
  }
  m = S3.find(([s]) => w.endsWith(s));
  if (m && w.length - m[0].length >= r1) {
    if (m[0] === 'ative') { if (w.length - 5 >= r2) w = w.slice(0, -5); }
    else w = w.slice(0, -m[0].length) + m[1];
  }
  const s4 = S4.find(s => w.endsWith(s));
  if (s4 && w.length - s4.length >= r2) {
    if (s4 === 'ion') { const end = w.length - 3; if (end > 0 && (w[end - 1] === 's' || w[end - 1] === 't')) w = w.slice(0, end); }
    else w = w.slice(0, -s4.length);
  }
  if (w.endsWith('e')) {
    const at = w.length - 1;
    if (at >= r2 || (at >= r1 && !shortSyl(w.slice(0, at)))) w = w.slice(0, at);
  } else if (w.endsWith('l') && w.length - 1 >= r2 && w.length >= 2 && w[w.length - 2] === 'l') w = w.slice(0, -1);
  return w.replace(/Y/g, 'y');
}

// ---- Query engine.

/** Optimal-string-alignment distance, or max + 1 once it is certain to exceed `max`. */
export function editDistance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = null, prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev2 = prev; prev = cur;
  }
  return prev[b.length];
}

/** Edits allowed for a word: 1 from 5 letters, 2 from 9. */
export const allowedEdits = w => (w.length >= 9 ? 2 : w.length >= 5 ? 1 : 0);

const PREFIX_WEIGHT = 0.5, TYPO_WEIGHT = 0.8, MAX_EXPANSIONS = 30;

/** Parses a query: quoted phrases, words, and whether the last word is still being typed. */
export function parseQuery(query) {
  const units = [];
  const parts = query.split('"');
  parts.forEach((part, i) => {
    const ws = words(part);
    if (i % 2 === 1) { if (ws.length) units.push({ words: ws, phrase: true }); }
    else ws.forEach(w => units.push({ words: [w] }));
  });
  const open = query.length > 0 && !/[\s"]$/.test(query) && parts.length % 2 === 1;
  const last = units[units.length - 1];
  if (open && last && !last.phrase) last.prefix = true;
  return units;
}

/** The search engine over one index; `load(name)` gives a file's payload (a promise). */
export class SearchEngine {
  constructor(load) {
    this.loadFile = load;
    this.files = new Map();
  }

  file(name) {
    if (!this.files.has(name)) this.files.set(name, Promise.resolve(this.loadFile(name, this.hash)));
    return this.files.get(name);
  }

  async manifest() {
    if (!this.m) {
      this.m = await this.file('manifest');
      this.hash = this.m.h;
    }
    return this.m;
  }

  shardOf(key) {
    const k = this.m.k;
    let lo = 0, hi = k.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (k[mid] <= key) lo = mid; else hi = mid - 1; }
    return lo;
  }

  async shardsFor(keys) {
    const ids = [...new Set(keys.map(k => this.shardOf(k)))].sort((a, b) => a - b);
    return Promise.all(ids.map(i => this.file('t/' + i)));
  }

  async entry(key) {
    const shard = await this.file('t/' + this.shardOf(key));
    return Object.prototype.hasOwnProperty.call(shard, key) ? shard[key] : null;
  }

  /** Terms starting with `prefix`, most frequent first; loads every shard the range covers. */
  async expand(prefix) {
    const first = this.shardOf(prefix), last = this.shardOf(prefix + '\uffff');
    const found = [];
    for (let i = first; i <= last; i++) {
      const shard = await this.file('t/' + i);
      for (const key in shard) if (key.startsWith(prefix)) found.push([key, shard[key][0]]);
    }
    found.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return found.slice(0, MAX_EXPANSIONS).map(f => f[0]);
  }

  /** Spelling corrections for a word not in the index: most frequent words at the least distance. */
  async corrections(word) {
    const max = allowedEdits(word);
    const key = /^[a-z0-9]/.test(word) ? word[0] : '_';
    if (!max || !this.m.l.includes(key)) return [];
    const lexicon = (await this.file('l/' + key)).split(' ');
    let best = max + 1, found = [];
    for (const w of lexicon) {
      const d = editDistance(word, w, Math.min(max, best));
      if (d < best) { best = d; found = [w]; } else if (d === best && d <= max && found.length < 3) found.push(w);
    }
    return best <= max ? found : [];
  }

  /** Does the query ask for urgent help? Crisis phrases, word by word, typos allowed. */
  isCrisis(queryWords) {
    const same = (a, b) => a === b || (term(a) !== null && term(a) === term(b)) || editDistance(a, b, allowedEdits(b)) <= allowedEdits(b);
    return this.m.c.some(phrase => {
      for (let i = 0; i + phrase.length <= queryWords.length; i++) {
        if (phrase.every((p, j) => same(queryWords[i + j], p))) return true;
      }
      return false;
    });
  }

  /** Builds the query's concepts: each a set of alternatives (term lists), synonyms joined. */
  concepts(units) {
    const out = [];
    const seq = [];
    const flushSeq = () => {
      let i = 0;
      while (i < seq.length) {
        let match = null;
        for (const group of this.m.s) {
          for (const alt of group) {
            if (alt.length && alt.length <= seq.length - i && alt.every((t, j) => seq[i + j].term === t) &&
                (!match || alt.length > match.len)) match = { group, len: alt.length };
          }
        }
        if (match) {
          out.push({ alts: match.group.map(a => ({ terms: a, weight: 1 })), synonym: true, words: seq.slice(i, i + match.len).map(s => s.word) });
          i += match.len;
        } else {
          const s = seq[i];
          out.push({ alts: [{ terms: [s.term], weight: 1 }], word: s.word, prefix: s.prefix });
          i++;
        }
      }
      seq.length = 0;
    };
    for (const u of units) {
      if (u.phrase) {
        flushSeq();
        const ts = u.words.map(term).filter(t => t !== null);
        if (ts.length) out.push({ alts: [{ terms: ts, weight: 1 }], phrase: true, words: u.words });
      } else {
        const t = term(u.words[0]);
        if (t !== null) seq.push({ term: t, word: u.words[0], prefix: u.prefix });
        else if (u.prefix && u.words[0].length >= 3) seq.push({ term: u.words[0], word: u.words[0], prefix: true });
      }
    }
    flushSeq();
    return out;
  }

  /**
   * Searches. Returns every matching article id, best first (those matching all of the
   * query's concepts first), with the terms to highlight, any spelling corrections and
   * whether the urgent-help box should be pinned.
   */
  async search(query, options = {}) {
    await this.manifest();
    const units = parseQuery(query);
    const queryWords = units.flatMap(u => u.words);
    const crisis = this.isCrisis(queryWords);
    const concepts = this.concepts(units);
    const keys = concepts.flatMap(c => c.alts.flatMap(a => a.terms));
    if (options.topic) keys.push('#' + options.topic);
    await this.shardsFor(keys);
    const corrected = [];
    for (const c of concepts) {
      if (c.prefix && c.word.length >= 3) {
        const base = c.alts[0].terms[0];
        const expansions = new Set([...(await this.expand(c.word)), ...(base !== c.word ? await this.expand(base) : [])]);
        expansions.delete(base);
        for (const t of [...expansions].sort()) c.alts.push({ terms: [t], weight: PREFIX_WEIGHT });
      }
      if (c.word && !c.synonym && !(await this.entry(c.alts[0].terms[0])) && c.alts.length === 1) {
        for (const w of await this.corrections(c.word)) {
          const t = term(w);
          if (t !== null && !c.alts.some(a => a.terms[0] === t)) { c.alts.push({ terms: [t], weight: TYPO_WEIGHT }); corrected.push([c.word, w]); }
        }
      }
    }
    const scores = new Map();
    for (const [ci, c] of concepts.entries()) {
      const best = new Map();
      for (const alt of c.alts) {
        const lists = [];
        for (const t of alt.terms) lists.push(decode(await this.entry(t)));
        if (lists.some(l => l.size === 0)) continue;
        const [first, ...rest] = lists;
        for (const [id, impact] of first) {
          let sum = impact;
          if (rest.some(l => !l.has(id))) continue;
          for (const l of rest) sum += l.get(id);
          const s = (sum / alt.terms.length) * alt.weight;
          if (!(best.get(id) >= s)) best.set(id, s);
        }
      }
      for (const [id, s] of best) {
        const r = scores.get(id) || { id, matched: 0, score: 0, concepts: [] };
        r.matched++; r.score += s; r.concepts.push(ci);
        scores.set(id, r);
      }
    }
    let results = [...scores.values()];
    if (options.topic) {
      const allowed = decode(await this.entry('#' + options.topic));
      results = results.filter(r => allowed.has(r.id));
    }
    results.sort((a, b) => b.matched - a.matched || b.score - a.score || a.id - b.id);
    const highlight = new Set(concepts.flatMap(c => c.alts.flatMap(a => a.terms)));
    return { results, total: results.length, concepts: concepts.length, crisis, corrected, highlight };
  }

  /** Display data for some article ids: `{url, title, summary, topics, headings}`. */
  async documents(ids) {
    await this.manifest();
    return Promise.all(ids.map(async id => {
      const group = await this.file('d/' + Math.floor(id / this.m.g));
      const [url, title, summary, topics, headings] = group[id % this.m.g];
      return { id, url, title, summary, topics: topics.map(t => this.m.p[t]), headings };
    }));
  }
}

/** A dictionary entry `[df, Δid, impact, …]` → Map id → impact. */
function decode(entry) {
  const map = new Map();
  if (!entry) return map;
  let id = 0;
  for (let i = 1; i < entry.length; i += 2) { id += entry[i]; map.set(id, entry[i + 1]); }
  return map;
}

/** The payload of an index file's text. */
export function payload(text) {
  return JSON.parse(text.slice(text.indexOf(',') + 1, text.lastIndexOf(')')));
}

// ---- The search page.

/** Loads index files over http(s) with fetch, from file:// with <script> tags. */
export function browserLoader(base) {
  const waiting = new Map();
  globalThis.__hubSearch = (name, data) => { const w = waiting.get(name); if (w) { waiting.delete(name); w(data); } };
  const viaScript = location.protocol === 'file:';
  return (name, hash) => {
    const url = base + name + '.js' + (hash ? '?h=' + hash : '');
    if (!viaScript) return fetch(url).then(r => { if (!r.ok) throw new Error(url + ': ' + r.status); return r.text(); }).then(payload);
    return new Promise((resolve, reject) => {
      waiting.set(name, resolve);
      const s = document.createElement('script');
      s.src = url;
      s.onerror = () => reject(new Error('could not load ' + url));
      s.onload = () => s.remove();
      document.head.appendChild(s);
    });
  };
}

// Results shown at first, and added by "Show more".
const PAGE = 5;

/** Appends `text` to `parent`, marking the words whose terms are in `highlight`. */
function marked(parent, text, highlight) {
  const re = /[\p{L}\p{N}\p{M}'’]+/gu;
  let at = 0, m;
  while ((m = re.exec(text))) {
    const hit = words(m[0]).some(w => { const t = term(w); return t !== null && highlight.has(t); });
    if (!hit) continue;
    parent.append(text.slice(at, m.index));
    const mark = document.createElement('mark');
    mark.textContent = m[0];
    parent.append(mark);
    at = m.index + m[0].length;
  }
  parent.append(text.slice(at));
  return parent;
}

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
}

/** Starts the search page: reads ?q= and ?topic=, searches as you type, keeps the URL shareable. */
export function startSearchPage(doc = document) {
  const root = doc.querySelector('[data-hub-search]');
  if (!root) return;
  const base = root.getAttribute('data-index');
  const siteRoot = root.getAttribute('data-root') || '../';
  const form = doc.querySelector('form[data-hub-search-form]');
  const input = form && form.querySelector('input[name="q"]');
  const topicSelect = form && form.querySelector('select[name="topic"]');
  const status = root.querySelector('[data-status]');
  const list = root.querySelector('[data-results]');
  const more = root.querySelector('[data-more]');
  const pin = root.querySelector('[data-crisis]');
  const browse = doc.querySelector('[data-browse]');
  const help = doc.getElementById('urgent-help');
  const helpHome = help && { parent: help.parentNode, next: help.nextSibling };
  const engine = new SearchEngine(browserLoader(base));
  root.hidden = false;
  let seq = 0, shown = 0, current = null;

  const params = new URLSearchParams(location.search);
  if (input) input.value = params.get('q') || '';
  if (topicSelect && params.get('topic')) topicSelect.value = params.get('topic');

  async function showMore() {
    const mine = seq;
    const slice = current.results.slice(shown, shown + PAGE);
    const docs = await engine.documents(slice.map(r => r.id));
    if (mine !== seq) return;
    for (const d of docs) {
      // From disk a folder link opens a listing, not the page.
      const href = siteRoot + d.url + (location.protocol === 'file:' && d.url.endsWith('/') ? 'index.html' : '');
      const item = el('li', { className: 'search-result' });
      item.append(el('h2', {}, marked(el('a', { href }), d.title, current.highlight)));
      item.append(marked(el('p', {}), d.summary, current.highlight));
      const sections = d.headings.filter(([text]) => terms(text).some(t => current.highlight.has(t))).slice(0, 3);
      if (sections.length) {
        const ul = el('ul', { className: 'search-result__sections' });
        for (const [text, id] of sections) ul.append(el('li', {}, marked(el('a', { href: href + '#' + id }), text, current.highlight)));
        item.append(ul);
      }
      if (d.topics.length) item.append(el('p', { className: 'search-result__topics' }, 'Topics: ' + d.topics.map(t => t[1]).join(', ')));
      list.append(item);
    }
    shown += slice.length;
    if (more) more.hidden = shown >= current.total;
  }

  async function run(push) {
    const q = input ? input.value : '';
    const topic = topicSelect ? topicSelect.value : '';
    const mine = ++seq;
    if (push) {
      const u = new URL(location.href);
      u.search = '';
      if (q) u.searchParams.set('q', q);
      if (topic) u.searchParams.set('topic', topic);
      try { history.replaceState(null, '', u); } catch (e) { /* file:// in some browsers */ }
    }
    if (!q.trim()) {
      list.textContent = ''; status.textContent = ''; if (more) more.hidden = true;
      if (browse) browse.hidden = false;
      placeHelp(false);
      return;
    }
    let result;
    try { result = await engine.search(q, { topic }); } catch (e) {
      if (mine === seq) status.textContent = 'Search is not available right now. Browse the A to Z below.';
      return;
    }
    if (mine !== seq) return;
    current = result; shown = 0;
    list.textContent = '';
    placeHelp(result.crisis);
    if (browse) browse.hidden = result.total > 0;
    const fixes = result.corrected.length ? ' Including results for ' + result.corrected.map(([a, b]) => '“' + b + '” (you typed “' + a + '”)').join(', ') + '.' : '';
    status.textContent = (result.total ? result.total + (result.total === 1 ? ' result' : ' results') : 'No results') + ' for “' + q.trim() + '”.' + fixes;
    if (result.total) await showMore();
  }

  function placeHelp(crisis) {
    if (!help || !pin) return;
    if (crisis && help.parentNode !== pin) { pin.append(help); pin.hidden = false; }
    else if (!crisis && help.parentNode === pin) { helpHome.parent.insertBefore(help, helpHome.next); pin.hidden = true; }
  }

  let timer = 0;
  if (input) input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => run(true), 150); });
  if (topicSelect) topicSelect.addEventListener('change', () => run(true));
  if (form) form.addEventListener('submit', e => { e.preventDefault(); clearTimeout(timer); run(true); });
  if (more) more.addEventListener('click', () => showMore());
  // Arrow keys move between the input and the result links.
  doc.addEventListener('keydown', e => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Escape') return;
    const links = [...list.querySelectorAll('h2 a')];
    const at = links.indexOf(doc.activeElement);
    if (e.key === 'Escape') { if (input && at >= 0) input.focus(); return; }
    if (doc.activeElement !== input && at < 0) return;
    const next = e.key === 'ArrowDown' ? at + 1 : at - 1;
    e.preventDefault();
    if (next < 0) { if (input) input.focus(); } else if (next < links.length) links[next].focus();
  });
  if (input && input.value) run(false);
}

// The classic copy sets this to true; exactly one of the two copies starts the page.
const CLASSIC = false;
if (typeof document !== 'undefined' && (location.protocol === 'file:') === CLASSIC) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => startSearchPage());
  else startSearchPage();
}
