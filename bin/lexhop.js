#!/usr/bin/env node
import { main } from '../dist/serve/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
