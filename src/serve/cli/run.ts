/** Entry point for running the CLI from source: `node --import tsx src/serve/cli/run.ts …`. */
import { main } from './main.js';

process.exitCode = await main(process.argv);
