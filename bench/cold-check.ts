// One cold check, in a process of its own, as the CLI runs it (compile cache on): prints the
// milliseconds to import the checker and to check ALLAI once. bench/parse-check.ts runs it
// several times and takes the medians.
import { readFileSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { performance } from 'node:perf_hooks';

enableCompileCache();
const start = performance.now();
const { checkPolicy } = await import('../src/check.ts');
const { fileFromBytes } = await import('../src/parse/read.ts');
const imported = performance.now();
const { file } = checkPolicy(fileFromBytes('policies/allai/policy.md', readFileSync('policies/allai/policy.md')));
if (file.messages.some((message) => message.fatal)) throw new Error('ALLAI has errors');
console.log(JSON.stringify({ import: imported - start, check: performance.now() - imported }));
