#!/usr/bin/env node
// The sources are TypeScript run through tsx, so there is no compile step to forget.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/commands/cli.ts");
process.exitCode = await main(process.argv.slice(2));
