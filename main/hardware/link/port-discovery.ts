/**
 * Finding racks among the serial ports the OS lists. `SerialPort.list()` runs `udevadm` on Linux
 * and rejects where it is missing (containers), and it never lists pseudo-terminals: so a failed
 * listing is reported, not thrown, and connecting by path (a virtual rack's pty) never needs it.
 */
import type { PortInfo, PortScan } from '../mirror/types';

/** What `SerialPort.list()` returns (bindings-interface PortInfo), as far as the link reads it. */
export interface ListedPort {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

export type ListPorts = () => Promise<ListedPort[]>;

/** The USB identity of a bridge: it survives a replug that moves it from ttyACM0 to ttyACM1. */
export interface UsbIdentity {
  vendorId: string;
  productId?: string | undefined;
  serialNumber?: string | undefined;
}

const CONNECT_BY_PATH = "Connect by path instead, e.g. a virtual rack's pty.";

function toPortInfo(port: ListedPort): PortInfo {
  const info: PortInfo = { path: port.path };
  if (port.manufacturer) info.manufacturer = port.manufacturer;
  if (port.serialNumber) info.serialNumber = port.serialNumber;
  if (port.vendorId) info.vendorId = port.vendorId;
  if (port.productId) info.productId = port.productId;
  return info;
}

/** A rack's bridge is a USB CDC device: built-in UARTs and Bluetooth ports have no vendor id. */
export function isRackCandidate(port: ListedPort): boolean {
  return Boolean(port.vendorId);
}

/** Why listing failed, for the user, with the way around it. */
export function describeListError(error: unknown): string {
  const err = error as NodeJS.ErrnoException;
  const text = err?.message ?? String(error);
  if (err?.code === 'ENOENT' || /udevadm.*ENOENT|ENOENT.*udevadm/.test(text)) {
    return `Cannot list serial ports: udevadm is not installed (it comes with udev; containers often lack it). ${CONNECT_BY_PATH}`;
  }
  return `Cannot list serial ports: ${text}. ${CONNECT_BY_PATH}`;
}

/** The USB serial ports that may be racks; a listing failure comes back as `error`. */
export async function scanPorts(list: ListPorts): Promise<PortScan> {
  try {
    const ports = await list();
    return { ports: ports.filter(isRackCandidate).map(toPortInfo) };
  } catch (error) {
    return { ports: [], error: describeListError(error) };
  }
}

function sameId(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
}

/** The USB identity of the port at `path`, or null for a port that is not USB (a pty) or when listing fails. */
export async function usbIdentityOf(list: ListPorts, path: string): Promise<UsbIdentity | null> {
  try {
    const port = (await list()).find((p) => p.path === path);
    if (!port?.vendorId) return null;
    return { vendorId: port.vendorId, productId: port.productId, serialNumber: port.serialNumber };
  } catch {
    return null;
  }
}

/**
 * Where the bridge with this identity is listed now (VID/PID case-insensitively, plus the serial
 * number when it has one; never the path), or null when it is not (or listing fails).
 */
export async function findUsbPort(list: ListPorts, identity: UsbIdentity): Promise<string | null> {
  try {
    const match = (await list()).find(
      (p) =>
        sameId(p.vendorId, identity.vendorId) &&
        sameId(p.productId, identity.productId) &&
        sameId(p.serialNumber, identity.serialNumber),
    );
    return match?.path ?? null;
  } catch {
    return null;
  }
}
