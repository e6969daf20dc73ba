import { allowServerModules } from "./server-modules";

allowServerModules();
const { runImportCli } = await import("../db/import/run-import");

runImportCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
