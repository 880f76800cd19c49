#!/usr/bin/env node
// The `sechub` bin: registers tsx's CommonJS loader, then runs the TypeScript CLI.
'use strict';
require('tsx/cjs');
require('./sechub.ts');
