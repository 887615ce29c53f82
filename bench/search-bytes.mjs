// Bytes a first query fetches from the hub's search index, and its warm query time,
// measured under node with the real client (Public/search/hub-search.js):
//   node bench/search-bytes.mjs PUBLIC_DIR QUERIES_FILE [RESULTS_SHOWN]
// Bytes are gzip -9 sizes (what a gzip-serving host sends): the client module, plus every
// index file the query loads (manifest, shards, lexicon if a word is misspelt, display
// data for the results shown). Each query starts cold (a new engine, nothing cached).
// Prints one JSON line: per-query bytes and warm times, and their p50/p95/max.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

const [publicDir, queriesFile, shownArg] = process.argv.slice(2);
const shown = Number(shownArg || 10);
const clientPath = publicDir + '/search/hub-search.js';
const client = await import(pathToFileURL(clientPath).href);
const clientBytes = gzipSync(readFileSync(clientPath), { level: 9 }).length;
const queries = readFileSync(queriesFile, 'utf8').split('\n').map(q => q.trim()).filter(Boolean);
const sizes = new Map();
function engine(counted) {
  return new client.SearchEngine(name => {
    const text = readFileSync(publicDir + '/search/' + name + '.js', 'utf8');
    if (!sizes.has(name)) sizes.set(name, gzipSync(text, { level: 9 }).length);
    counted.add(name);
    return client.payload(text);
  });
}
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
const rows = [];
const warm = engine(new Set());
for (const q of queries) {
  const files = new Set();
  const e = engine(files);
  const r = await e.search(q);
  await e.documents(r.results.slice(0, shown).map(x => x.id));
  const bytes = clientBytes + [...files].reduce((sum, f) => sum + sizes.get(f), 0);
  // Warm: the same query again on an engine that has loaded its files.
  await warm.search(q);
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    const w = await warm.search(q);
    await warm.documents(w.results.slice(0, shown).map(x => x.id));
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  rows.push({ q, bytes, files: files.size, results: r.total, ms: pct(times, 0.5) });
}
const b = rows.map(r => r.bytes), t = rows.map(r => r.ms);
console.log(JSON.stringify({
  queries: rows.length, clientBytes,
  bytes: { p50: pct(b, 0.5), p95: pct(b, 0.95), max: Math.max(...b), min: Math.min(...b) },
  warmMs: { p50: pct(t, 0.5), p95: pct(t, 0.95), max: Math.max(...t) },
  rows,
}));
