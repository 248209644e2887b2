import { afterEach, describe, expect, it } from 'vitest';
import { audioRack, helloWebHeard } from '../../tests/helpers/audio-rack';

let rack: ReturnType<typeof audioRack> | undefined;
afterEach(() => rack?.dispose());

describe('AudioService without the addon (the silent path)', () => {
  it('opens nothing until an AUDIO OUT is patched, then says once that sound is off, and the simulator runs on', () => {
    rack = audioRack({ load: () => ({ ok: false, reason: 'the native-audio addon is not built (test)' }) });
    expect(rack.audio.state()).toMatchObject({ state: 'off' });
    rack.session.load(helloWebHeard(['etcd']), 'ui');
    expect(rack.audio.state()).toMatchObject({ state: 'silent', reason: 'the native-audio addon is not built (test)' });
    rack.session.load(helloWebHeard(['etcd', 'pod-1']), 'ui');
    rack.sim.control('step');
    rack.sim.control('step');
    expect(rack.notices.filter((n) => /Sound is off/.test(n.message))).toEqual([
      { level: 'warning', message: expect.stringContaining('the native-audio addon is not built (test)') },
    ]);
    expect(rack.sim.status().time).toBe(200);
    // Volume and mute still answer (and will apply when sound comes back).
    expect(rack.audio.setMaster({ muted: true })).toMatchObject({ state: 'silent', muted: true });
  });
});
