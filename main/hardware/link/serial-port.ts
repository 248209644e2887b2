/**
 * The part of serialport's stream the link uses, so unit tests can hand in a SerialPortMock and
 * the app a real SerialPort. A port object is used for one open only: after a write error its
 * Writable side stays errored, so every reconnect attempt makes a new one.
 */
import { SerialPort } from 'serialport';
import { BAUD_RATE } from './link-policy';
import type { ListPorts } from './port-discovery';

export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: (error: Error | null) => void): void;
  write(data: Buffer, callback: (error: Error | null | undefined) => void): boolean;
  close(callback?: (error: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  /** `error` is a DisconnectedError (`disconnected: true`) when the device went away, null on our own close. */
  on(event: 'close', listener: (error: (Error & { disconnected?: boolean }) | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(): unknown;
}

/** Makes a closed port object for `path`; the link opens it. */
export type OpenPort = (path: string) => SerialPortLike;

/** A real serial port: `lock` (flock) so a second app window cannot open the same rack. */
export const openSerialPort: OpenPort = (path) => new SerialPort({ path, baudRate: BAUD_RATE, autoOpen: false, lock: true });

export const listSerialPorts: ListPorts = () => SerialPort.list();
