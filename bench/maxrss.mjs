// Loaded with `node --import` into a measured process: prints its peak RSS on exit. The same
// probe in `node -e 0` and in the CLI makes the two figures comparable on any Linux or macOS.
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAXRSS_KIB=${process.resourceUsage().maxRSS}\n`);
});
