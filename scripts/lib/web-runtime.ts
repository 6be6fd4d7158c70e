/**
 * How the web server runs in production, for the scripts that start it outside an image
 * (`npm start`, the benchmark, the soak): the same V8 heap cap as web/Dockerfile and the
 * chart's `web.maxHeapMiB`. Without it V8 sizes its heap from the host's memory and lets it
 * grow to over 400 MB under load, past the chart's memory limit.
 */
export const WEB_MAX_HEAP_MIB = 192;

export const WEB_NODE_OPTIONS = `--max-old-space-size=${WEB_MAX_HEAP_MIB}`;
