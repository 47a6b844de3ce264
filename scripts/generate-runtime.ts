// Emits the rules runtime (src/runtime/policy-runtime.ts, verify.ts and what they import) as
// JS + .d.ts into generated/runtime/, which `policy build` and the packages copy instead of
// running tsc on every build. Run by `npm run generate`; test/runtime-emitted.test.ts fails
// when it is stale.
import { compileRuntime, emittedRuntimeFolder } from '../src/workspace/build-rules.ts';

await compileRuntime(emittedRuntimeFolder);
console.log(`wrote ${emittedRuntimeFolder}`);
