#!/usr/bin/env node
'use strict';
// npm links a workspace's bins when it installs, and silently skips a bin whose file does not
// exist yet. dist/ is only there after `npm run build`, so the linked bin is this committed file.
let cli;
try {
  cli = require('../dist/main.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/main.js')) {
    process.stderr.write('spfwatch is not built yet: run `npm run build` in the repository root.\n');
    process.exit(1);
  }
  throw error;
}
cli.run();
