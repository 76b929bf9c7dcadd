/** Vite's ?url import: the worker file's URL in the bundle (emitted as an asset, same origin). */
declare module 'pdfjs-dist/build/pdf.worker.min.mjs?url' {
  const url: string;
  export default url;
}
