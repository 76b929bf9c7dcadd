/**
 * The one Content-Security-Policy of every page of the app, served by the
 * Electron app:// scheme and by the browser host alike. No 'unsafe-inline'
 * anywhere: React sets styles through the CSSOM, which CSP allows, and Vite
 * emits styles as files. connect-src 'self' keeps the renderer from talking
 * to anything but main (Electron's IPC is not subject to CSP).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
