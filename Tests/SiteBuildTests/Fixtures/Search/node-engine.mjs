// Runs the search client's engine under node against an index folder (`…/search/`),
// counting the bytes each file would cost over the wire (gzip).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

export async function engineFor(indexDir, clientPath) {
  const client = await import(pathToFileURL(clientPath).href);
  const fetched = new Map();
  const engine = new client.SearchEngine(name => {
    const text = readFileSync(indexDir + '/' + name + '.js', 'utf8');
    fetched.set(name, gzipSync(text, { level: 9 }).length);
    return client.payload(text);
  });
  return { client, engine, fetched };
}
