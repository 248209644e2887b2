import { describe, expect, it } from 'vitest';
import { parseCommand } from './args';

describe('parseCommand', () => {
  it.each([
    [[], { kind: 'start', port: 0 }],
    [['serve'], { kind: 'serve', port: 0 }],
    [
      ['serve', '--port', '8080', '--data-dir', '/tmp/d', '--autosave-ms', '100', 'set.k8spatch'],
      { kind: 'serve', port: 8080, dataDir: '/tmp/d', autosaveMs: 100, file: 'set.k8spatch' },
    ],
    [['start', 'x.k8spatch'], { kind: 'start', port: 0, file: 'x.k8spatch' }],
    [['--help'], { kind: 'help' }],
    [['serve', '-h'], { kind: 'help' }],
    [['--version'], { kind: 'version' }],
  ])('%j', (argv, expected) => {
    expect(parseCommand(argv)).toEqual(expected);
  });

  it.each([
    [['bogus'], /Unknown command "bogus"/],
    [['serve', '--port', 'abc'], /--port must be a whole number/],
    [['serve', '--port', '70000'], /--port/],
    [['serve', '--port', '-1'], /--port|argument/],
    [['serve', '--autosave-ms', '1.5'], /--autosave-ms/],
    [['serve', '--frobnicate'], /frobnicate/],
    [['serve', 'a', 'b'], /at most one FILE/],
    [['serve', '--data-dir', ''], /--data-dir/],
  ])('refuses %j', (argv, message) => {
    const command = parseCommand(argv);
    expect(command.kind).toBe('usage-error');
    expect(command.kind === 'usage-error' && command.message).toMatch(message);
  });
});
