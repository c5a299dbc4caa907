// Web-mode entry: `node dist/electron/web.js [--port N] [--token T] [--demo-port N] …`
// (same options as `crawlwright serve`).
import { main } from './cli/serve.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Anything still holding the event loop after a clean shutdown should not keep us alive.
    setTimeout(() => process.exit(code), 3000).unref();
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
