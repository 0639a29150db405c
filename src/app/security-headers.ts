import helmet from 'helmet';

/**
 * The headers every response carries (helmet): a Content-Security-Policy allowing only what the
 * explorer page (web/) loads from this server, never in a frame; nosniff; X-Frame-Options DENY;
 * no Referer. HSTS is left to whoever terminates TLS in front of the server. docs/access.md.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  // d3-org-chart writes style attributes into the boxes it draws.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
}
