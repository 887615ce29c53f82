// One-edit typo test on a built site's index, like SEARCH.md §5.4: for each word of 5 or
// more letters in the queries, four typos (deletion, adjacent transposition, substitution
// by a keyboard neighbour, doubled letter), never in the first letter. A typo "gives the
// right first result" when its first result is the correct word's first result.
//   node bench/search-typos.mjs PUBLIC_DIR QUERIES_FILE
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [publicDir, queriesFile] = process.argv.slice(2);
const client = await import(pathToFileURL(publicDir + '/search/hub-search.js').href);
const engine = new client.SearchEngine(n => client.payload(readFileSync(publicDir + '/search/' + n + '.js', 'utf8')));
const near = { a: 's', b: 'v', c: 'x', d: 's', e: 'r', f: 'g', g: 'h', h: 'j', i: 'o', j: 'k', k: 'l', l: 'k', m: 'n', n: 'm', o: 'p', p: 'o', q: 'w', r: 't', s: 'd', t: 'y', u: 'i', v: 'b', w: 'e', x: 'c', y: 'u', z: 'x' };
const words = [...new Set(readFileSync(queriesFile, 'utf8').split(/\s+/).map(w => w.toLowerCase()).filter(w => /^[a-z]{5,}$/.test(w)))];
let total = 0, right = 0, empty = 0;
for (const w of words) {
  const want = (await engine.search(w + ' ')).results[0];
  if (!want) continue;
  const mid = Math.max(1, Math.floor(w.length / 2));
  const typos = [w.slice(0, mid) + w.slice(mid + 1), w.slice(0, mid) + w[mid + 1] + w[mid] + w.slice(mid + 2),
                 w.slice(0, mid) + (near[w[mid]] || 'x') + w.slice(mid + 1), w.slice(0, mid) + w[mid] + w.slice(mid)];
  for (const t of new Set(typos)) {
    if (t === w) continue;
    const got = (await engine.search(t + ' ')).results;
    total++;
    if (!got.length) empty++;
    if (got[0] && got[0].id === want.id) right++;
  }
}
console.log(JSON.stringify({ words: words.length, typos: total, rightFirst: right / total, empty: empty / total }));
