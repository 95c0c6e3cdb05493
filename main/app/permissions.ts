/**
 * The UI needs no browser permission (camera, notifications, geolocation, USB, HID, serial…),
 * so every request and check is denied, for the session the window uses.
 */
import type { Session } from 'electron';

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Nothing should ever be downloaded into the app window.
  session.on('will-download', (event) => event.preventDefault());
}
