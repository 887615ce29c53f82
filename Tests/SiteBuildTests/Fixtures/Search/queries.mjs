// node queries.mjs CLIENT INDEX_DIR: runs the search engine on the fixture index that
// SearchClientTests builds, and checks first results, typos, synonyms, multi-word queries,
// phrases, topic filters, prefixes and crisis pinning. Prints every failure; exits 1 if any.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [clientPath, indexDir] = process.argv.slice(2);
const client = await import(pathToFileURL(clientPath).href);
const newEngine = () => new client.SearchEngine(name => client.payload(readFileSync(indexDir + '/' + name + '.js', 'utf8')));
const failures = [];
let checks = 0;
const check = (ok, what) => { checks++; if (!ok) failures.push(what); };

async function urls(engine, q, options) {
  const r = await engine.search(q, options);
  const docs = await engine.documents(r.results.map(x => x.id));
  return { r, urls: docs.map(d => d.url) };
}

const firsts = [
  ['anxiety', 'understanding-anxiety/'],
  ['anxious', 'understanding-anxiety/'],
  ['Anxiety', 'understanding-anxiety/'],
  ['depression', 'coping-with-depression/'],
  ['CBT', 'cognitive-behavioural-therapy/'],
  ['cbt', 'cognitive-behavioural-therapy/'],
  ['cognitive behavioral therapy', 'cognitive-behavioural-therapy/'],
  ['OCD', 'obsessive-compulsive-disorder/'],
  ['counseling', 'finding-a-counsellor/'],
  ['counsellor', 'finding-a-counsellor/'],
  ['PIP', 'personal-independence-payment/'],
  ['benefits', 'personal-independence-payment/'],
  ['peer worker', 'peer-support-workers/'],
  ['medication', 'medication-and-side-effects/'],
  ['mindfulness', 'mindfulness/'],
  ['sleep problems', 'sleep-and-mental-health/'],
  ['insomnia', 'sleep-and-mental-health/'],
  ['"low mood"', 'coping-with-depression/'],
  ['behaviour', 'cognitive-behavioural-therapy/'],
  // typos: one edit from 5 letters, two from 9
  ['anxeity', 'understanding-anxiety/'],
  ['axiety', 'understanding-anxiety/'],
  ['depresion', 'coping-with-depression/'],
  ['insomina', 'sleep-and-mental-health/'],
  ['mindfullness', 'mindfulness/'],
  ['medicaton', 'medication-and-side-effects/'],
  ['compulsivve', 'obsessive-compulsive-disorder/'],
  ['indpendance', 'personal-independence-payment/'],
  // the last word is a prefix while typing
  ['insom', 'sleep-and-mental-health/'],
  ['obsess', 'obsessive-compulsive-disorder/'],
];
for (const [q, first] of firsts) {
  const { urls: got } = await urls(newEngine(), q);
  check(got[0] === first, `"${q}": first result ${got[0]}, expected ${first} (all: ${got.join(' ')})`);
}

// medication is not medical; mindfulness is not mind.
{
  const { urls: got } = await urls(newEngine(), 'medication ');
  check(!got.includes('medical-records/'), `"medication" must not find medical-records/ (got ${got.join(' ')})`);
  const { urls: mind } = await urls(newEngine(), 'mindfulness ');
  check(!mind.includes('mind-and-body/'), `"mindfulness" must not find mind-and-body/ (got ${mind.join(' ')})`);
}
// Soft AND: a missing word never empties the results; pages with every word come first.
{
  const { r, urls: got } = await urls(newEngine(), 'panic xyzzy');
  check(got[0] === 'understanding-anxiety/', `"panic xyzzy": ${got.join(' ')}`);
  const both = await newEngine().search('mood sleep ');
  check(both.results[0].matched === 2, `"mood sleep": first result should match both words`);
  check(both.results.every((x, i) => i === 0 || x.matched <= both.results[i - 1].matched), 'all-terms matches first');
  check(r.total > 0, 'never empty when a term matches');
}
// Phrases in quotes need every word.
{
  const { urls: got } = await urls(newEngine(), '"low mood"');
  check(got.length >= 1 && got.every(u => u === 'coping-with-depression/' || u === 'mindfulness/'), `"\\"low mood\\"": ${got.join(' ')}`);
}
// Topic filter.
{
  const { urls: got } = await urls(newEngine(), 'support', { topic: 'work' });
  check(got.length > 0 && got.every(u => ['personal-independence-payment/', 'peer-support-workers/'].includes(u)), `topic work: ${got.join(' ')}`);
}
// Crisis pinning, typos included; not for ordinary queries.
for (const q of ['suicide', 'I want to die', 'kill myself', 'suicdal thoughts', 'self-harm', 'self harm', 'overdose', 'sucide']) {
  check((await newEngine().search(q)).crisis === true, `"${q}" must pin urgent help`);
}
for (const q of ['sleep', 'killer whale', 'wanted', 'medication', 'self care']) {
  check((await newEngine().search(q)).crisis === false, `"${q}" must not pin urgent help`);
}
// The same query gives the same results whatever was loaded before.
{
  const cold = (await newEngine().search('sleep anx')).results.map(x => x.id);
  const warm = newEngine();
  for (const q of ['a', 'the', 'insomnia', 'anxiety', 'suicide', 'cbt', 'peer worker']) await warm.search(q);
  const after = (await warm.search('sleep anx')).results.map(x => x.id);
  check(JSON.stringify(cold) === JSON.stringify(after), `cache-dependent results: ${cold} vs ${after}`);
}
// Nothing found is an empty list, not an error.
{
  const r = await newEngine().search('zzzzqqq');
  check(r.total === 0, 'nonsense finds nothing');
  const e = await newEngine().search('');
  check(e.total === 0, 'empty query');
  const s = await newEngine().search('"""');
  check(s.total === 0, 'only quotes');
}

console.log(JSON.stringify({ checks, failures }));
process.exit(failures.length ? 1 : 0);
