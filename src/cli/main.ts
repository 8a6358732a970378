#!/usr/bin/env node
import { runCli } from './cli.js';

// A reader that stops early (`ccsim schema | head`) closes the pipe: stop quietly, as other tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

process.exitCode = await runCli(process.argv.slice(2));
