// Preloaded with `node --require`: logs each native library the process loads to stderr on exit,
// one `native: <path>` line each (test/main/cli/startup-natives.test.ts).
const loaded = [];
const dlopen = process.dlopen;
process.dlopen = function (module, filename, ...rest) {
  loaded.push(filename);
  return dlopen.call(this, module, filename, ...rest);
};
process.on('exit', () => {
  for (const file of loaded) process.stderr.write(`native: ${file}\n`);
});
