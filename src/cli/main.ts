#!/usr/bin/env node
import { runCli } from './run-cli';

/** `lienthong <command>` (package.json `bin`); `lienthong --help` lists the commands. */
void runCli(process.argv.slice(2)).then((status) => process.exit(status));
