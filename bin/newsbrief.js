#!/usr/bin/env node
// The `newsbrief` bin. The source is TypeScript run through tsx's loader, so a fresh clone needs
// no build step: `npm install` then `npx newsbrief ...` or `npm start`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
