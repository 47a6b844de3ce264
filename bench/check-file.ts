// One `policy check` of a folder, as the command does it but with the file-size limit given on
// the command line, so that bench/file-size.ts can measure sizes above the limit too.
// Usage: node bench/check-file.ts <folder> <maxBytes>
import { summarise, toRecords } from '../src/diagnostics/format.ts';
import { checkPaths } from '../src/workspace/check.ts';

const [folder, maxBytes] = process.argv.slice(2);
const results = await checkPaths([folder!], undefined, { maxBytes: Number(maxBytes), store: false });
const summary = summarise(toRecords(results.map((result) => result.file)));
const refused = results.flatMap((result) => result.file.messages).find((message) => message.fatal)?.ruleId;
process.stdout.write(`${JSON.stringify({ ...summary, refused: refused ?? null })}\n`);
