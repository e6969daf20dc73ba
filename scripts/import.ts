import { runImportCli } from "../db/import/run-import";

runImportCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
