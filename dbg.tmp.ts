import { readSentences } from './src/classify/nlp.ts';
import { factOf } from './src/classify/facts.ts';
for (const s of process.argv.slice(2)) { const r = readSentences(s)[0]!; console.log(r.tokens.map(t=>`${t.text}/${t.pos}${t.negated?'/N':''}`).join(' ')); const f = factOf(r, {line:1}); console.log(JSON.stringify({...f, lemmas: undefined, sentence: undefined})); }
