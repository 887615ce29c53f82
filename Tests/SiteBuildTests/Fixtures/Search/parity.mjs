// node parity.mjs CLIENT INPUT.json → for each text, the JS analyzer's folded words and
// index terms, as JSON: [{"words": […], "terms": […]}, …]. SearchClientTests compares them
// with the Swift analyzer's.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [clientPath, inputPath] = process.argv.slice(2);
const client = await import(pathToFileURL(clientPath).href);
const texts = JSON.parse(readFileSync(inputPath, 'utf8'));
process.stdout.write(JSON.stringify(texts.map(t => ({ words: client.words(t), terms: client.terms(t) }))));
