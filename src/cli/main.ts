#!/usr/bin/env node
// Entry of the `policy` command. Node's compile cache keeps the type-stripped and compiled
// modules between runs (a third of a check's start-up); it must be on before they load.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./program.ts');
