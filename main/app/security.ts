/**
 * The Electron hardening that is not window options (Electron security checklist,
 * electronjs.org/docs/latest/tutorial/security): deny permissions (5), keep navigation on
 * app://rack (13), deny new windows (14) and <webview> (12). Applied to every WebContents the
 * app ever creates, not only the main window.
 */
import { app, session, type WebContents } from 'electron';
import { isAppUrl } from '../transport/ipc-main-transport';

/**
 * The page needs no camera, notifications, geolocation or anything else. The one exception is
 * writing to the clipboard from our own page (Copy of modules), which Chromium models as the
 * 'clipboard-sanitized-write' permission.
 */
function allowed(permission: string, origin: string | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && origin !== undefined && isAppUrl(origin);
}

/** Installs the session and WebContents guards; call once, before the first window. */
export function hardenElectron(): void {
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(allowed(permission, details.requestingUrl ?? contents.getURL()));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    allowed(permission, requestingOrigin),
  );
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      // Compared with the URL parser, never startsWith ("app://rack.evil/" must not pass).
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
