import { describe, expect, it } from 'vitest';
import { findUsbPort, scanPorts, usbIdentityOf, type ListedPort } from './port-discovery';

const ports: ListedPort[] = [
  { path: '/dev/ttyS0' },
  { path: '/dev/ttyACM1', manufacturer: 'k8s-synth', serialNumber: 'E66138935F2B4A2C', vendorId: '2E8A', productId: '000a' },
  { path: '/dev/ttyACM2', manufacturer: 'k8s-synth', serialNumber: 'FFFF000011112222', vendorId: '2e8a', productId: '000a' },
];
const listing = async () => ports;
const udevMissing = async (): Promise<ListedPort[]> => {
  throw Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT', syscall: 'spawn udevadm' });
};

describe('port discovery', () => {
  it('lists USB serial ports only', async () => {
    expect(await scanPorts(listing)).toEqual({ ports: ports.slice(1) });
  });

  it('reports a machine without udevadm instead of throwing, and says how to go on', async () => {
    const scan = await scanPorts(udevMissing);
    expect(scan.ports).toEqual([]);
    expect(scan.error).toMatch(/^Cannot list serial ports: udevadm is not installed .*Connect by path instead/);
    const other = await scanPorts(() => Promise.reject(new Error('EPERM')));
    expect(other.error).toBe("Cannot list serial ports: EPERM. Connect by path instead, e.g. a virtual rack's pty.");
  });

  it('finds a bridge again by VID/PID/serial (any case), wherever it is listed now', async () => {
    const identity = await usbIdentityOf(listing, '/dev/ttyACM1');
    expect(identity).toEqual({ vendorId: '2E8A', productId: '000a', serialNumber: 'E66138935F2B4A2C' });
    const moved = async () => [{ ...ports[1]!, path: '/dev/ttyACM3', vendorId: '2e8a' }];
    expect(await findUsbPort(moved, identity!)).toBe('/dev/ttyACM3');
    expect(await findUsbPort(async () => [ports[2]!], identity!)).toBeNull();
    expect(await findUsbPort(udevMissing, identity!)).toBeNull();
  });

  it('has no USB identity for a pty or when listing fails', async () => {
    expect(await usbIdentityOf(listing, '/tmp/ttyRACK')).toBeNull();
    expect(await usbIdentityOf(listing, '/dev/ttyS0')).toBeNull();
    expect(await usbIdentityOf(udevMissing, '/dev/ttyACM1')).toBeNull();
  });
});
