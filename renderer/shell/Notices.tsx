/** Placeholder; being fleshed out by the shell helper. */
export function Notices() {
  return null;
}
