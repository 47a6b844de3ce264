import { readFileSync } from 'node:fs';
import { corpusPairs, corpusRoot } from './test/support/corpus.ts';
import { classifyProse } from './src/classify/prose.ts';
const only = process.argv[2];
let t0 = performance.now();
for (const p of corpusPairs()) {
  if (only && !p.after.includes(only)) continue;
  const t = performance.now();
  const v = classifyProse(readFileSync(corpusRoot+'/'+p.before,'utf8'), readFileSync(corpusRoot+'/'+p.after,'utf8'));
  const ms = performance.now()-t;
  const ok = (v.verdict==='material') === p.material ? 'ok ' : (v.verdict==='review' ? 'REV' : 'XX ');
  console.log(`${ok} ${p.service} ${p.after.split('/')[1]} label=${p.material?'MAT':'non'}${p.borderline?'*':''}${p.direction} got=${v.verdict}${v.direction} ${ms.toFixed(0)}ms`);
  for (const r of v.reasons.slice(0, 6)) console.log(`     [${r.kind} ${r.change} ${r.confidence} ${r.direction}] ${r.term} :: ${r.sentence.slice(0,140)}`);
}
console.log('total', performance.now()-t0);
